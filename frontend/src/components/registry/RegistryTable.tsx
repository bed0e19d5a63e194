import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useMemo, useRef, useState } from "react";
import type { RegistryDetail as Detail, RegistryFilter, RegistryRow, RegistryState } from "../../api/types";
import { sideLabel } from "../common/sides";
import { FieldDiffTable } from "../common/FieldDiffTable";
import { formatShortTime, formatTime } from "../common/time";
import { countStates, distinct, emptyRegistryFilter, filterRows, registryStates } from "./filter";

export interface RegistryTableProps {
  rows: RegistryRow[];
  initialFilter?: RegistryFilter;
  /** Retries failed rows; the engine queues them for the next run. */
  onRetry(ids: string[]): void;
  /** Exports the rows that match the filter as CSV; the Go side writes the file. */
  onExportCsv(filter: RegistryFilter): void;
  /** Loads a row's field values, whole error and hint for the detail pane. */
  loadDetail?(id: string): Promise<Detail>;
  /** Receives the filter after each change, for a caller that keeps it. */
  onFilterChange?(filter: RegistryFilter): void;
  /** Names of events by id, for rows that an event started. */
  eventNames?: ReadonlyMap<string, string>;
  /** Starts a sync of every enabled mapping, so retried rows need not wait for the schedule. */
  onSyncNow?(): void;
  /** True while a requested sync is being started. */
  syncing?: boolean;
}

const rowHeight = 46;

/** Returns how a row names its record: the stored label, else the engine's record name. */
export function recordTitle(row: RegistryRow): string {
  return row.label || row.recordName;
}

/** Returns a row's ids on both sides, which distinguish records with the same name. */
export function recordIds(row: RegistryRow): string {
  const ids: string[] = [];
  if (row.salesforceId) ids.push(`Salesforce ${row.salesforceId}`);
  if (row.clarizenId) ids.push(`Clarizen ${row.clarizenId}`);
  if (ids.length === 0 && row.recordId && row.recordId !== recordTitle(row)) ids.push(row.recordId);
  return ids.join(" · ");
}
const numberFormat = new Intl.NumberFormat("en-US");

/** Shows the sync registry (every record that moved or failed to move) with filters and a detail pane. */
export function RegistryTable({
  rows,
  initialFilter,
  onRetry,
  onExportCsv,
  loadDetail,
  onFilterChange,
  eventNames,
  onSyncNow,
  syncing = false,
}: RegistryTableProps) {
  const [filter, setFilter] = useState<RegistryFilter>(initialFilter ?? emptyRegistryFilter);
  useEffect(() => onFilterChange?.(filter), [filter, onFilterChange]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);

  const shown = useMemo(() => filterRows(rows, filter), [rows, filter]);
  const counts = useMemo(() => countStates(rows), [rows]);
  const mappings = useMemo(() => distinct(rows, "mapping"), [rows]);
  const objects = useMemo(() => distinct(rows, "object"), [rows]);
  const selected = selectedId === null ? undefined : rows.find((r) => r.id === selectedId);
  const failedShown = useMemo(() => shown.filter((r) => r.state === "Failed").map((r) => r.id), [shown]);

  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 10,
  });

  const set = (patch: Partial<RegistryFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const toggleState = (state: RegistryState) =>
    set({ states: filter.states.includes(state) ? filter.states.filter((s) => s !== state) : [...filter.states, state] });

  return (
    <div className="registry">
      <div className="toolbar" role="toolbar" aria-label="Registry filters">
        <div className="segmented" role="group" aria-label="State">
          {registryStates.map((state) => (
            <button
              key={state}
              type="button"
              className={`segmented__item state-chip state-chip--${state.toLowerCase()}`}
              aria-pressed={filter.states.includes(state)}
              onClick={() => toggleState(state)}
            >
              {state} <span className="segmented__count">{numberFormat.format(counts[state])}</span>
            </button>
          ))}
        </div>
        <select className="select" aria-label="Mapping" value={filter.mapping} onChange={(e) => set({ mapping: e.target.value })}>
          <option value="">All mappings</option>
          {mappings.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
        <select className="select" aria-label="Object" value={filter.object} onChange={(e) => set({ object: e.target.value })}>
          <option value="">All objects</option>
          {objects.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
        <label className="inline-field">
          From
          <input className="input" type="date" aria-label="From date" value={filter.from} onChange={(e) => set({ from: e.target.value })} />
        </label>
        <label className="inline-field">
          To
          <input className="input" type="date" aria-label="To date" value={filter.to} onChange={(e) => set({ to: e.target.value })} />
        </label>
        <input
          className="input toolbar__search"
          type="search"
          aria-label="Search records"
          placeholder="Search name, record ID, error"
          value={filter.text}
          onChange={(e) => set({ text: e.target.value })}
        />
        <span className="toolbar__spacer" />
        <button type="button" className="button" disabled={failedShown.length === 0} onClick={() => onRetry(failedShown)}>
          Retry failed ({numberFormat.format(failedShown.length)})
        </button>
        {onSyncNow ? (
          <button type="button" className="button" disabled={syncing} onClick={onSyncNow}>
            {syncing ? "Starting…" : "Sync now"}
          </button>
        ) : null}
        <button type="button" className="button" onClick={() => onExportCsv(filter)}>
          Export CSV
        </button>
      </div>

      <p className="registry__count" aria-live="polite">
        Showing {numberFormat.format(shown.length)} of {numberFormat.format(rows.length)} rows
      </p>

      <div className={`registry__body${selected ? " registry__body--detail" : ""}`}>
        <div className="vtable" role="table" aria-label="Sync registry" aria-rowcount={shown.length + 1}>
          <div className="vtable__head" role="rowgroup">
            <div className="vtable__row vtable__row--head" role="row">
              {["Time", "State", "Record", "Operation", "Mapping", "Object", "Error"].map((h) => (
                <span key={h} role="columnheader" className="vtable__cell">
                  {h}
                </span>
              ))}
            </div>
          </div>
          <div className="vtable__scroll" ref={scrollRef} data-testid="registry-scroll">
            {shown.length === 0 ? (
              <p className="vtable__empty">No row matches these filters.</p>
            ) : (
              <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
                {virtualizer.getVirtualItems().map((item) => {
                  const row = shown[item.index];
                  if (!row) return null;
                  return (
                    <div
                      key={row.id}
                      role="row"
                      aria-rowindex={item.index + 2}
                      aria-selected={row.id === selectedId}
                      tabIndex={0}
                      className={`vtable__row${row.id === selectedId ? " vtable__row--selected" : ""}`}
                      style={{ position: "absolute", top: 0, left: 0, right: 0, height: rowHeight, transform: `translateY(${item.start}px)` }}
                      onClick={() => setSelectedId(row.id)}
                      onKeyDown={(e) => {
                        if (e.key === "Enter" || e.key === " ") {
                          e.preventDefault();
                          setSelectedId(row.id);
                        }
                      }}
                    >
                      <span role="cell" className="vtable__cell" title={formatTime(row.time)}>
                        {formatShortTime(row.time)}
                      </span>
                      <span role="cell" className="vtable__cell">
                        <span className={`state-pill state-pill--${row.state.toLowerCase()}`}>{row.state}</span>
                      </span>
                      <span role="cell" className="vtable__cell vtable__cell--record" title={recordIds(row) || undefined}>
                        <span className="vtable__main">{recordTitle(row)}</span>
                        {recordIds(row) ? <span className="vtable__sub">{recordIds(row)}</span> : null}
                      </span>
                      <span role="cell" className="vtable__cell">{row.operation}</span>
                      <span role="cell" className="vtable__cell">{row.mapping}</span>
                      <span role="cell" className="vtable__cell">
                        {sideLabel(row.side)} {row.object}
                      </span>
                      <span role="cell" className="vtable__cell vtable__cell--error" title={row.error}>
                        {row.error ?? ""}
                      </span>
                    </div>
                  );
                })}
              </div>
            )}
          </div>
        </div>
        {selected ? (
          <RegistryDetail
            key={selected.id}
            row={selected}
            eventName={selected.eventId ? (eventNames?.get(selected.eventId) ?? selected.eventId) : ""}
            loadDetail={loadDetail}
            onRetry={onRetry}
            onClose={() => setSelectedId(null)}
          />
        ) : null}
      </div>
    </div>
  );
}

interface DetailProps {
  row: RegistryRow;
  /** The event that started the row's sync, or "" when a mapping synced it on its own. */
  eventName: string;
  loadDetail?(id: string): Promise<Detail>;
  onRetry(ids: string[]): void;
  onClose(): void;
}

function RegistryDetail({ row, eventName, loadDetail, onRetry, onClose }: DetailProps) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const [loadError, setLoadError] = useState("");
  useEffect(() => {
    if (!loadDetail) return;
    let live = true;
    loadDetail(row.id).then(
      (d) => live && setDetail(d),
      (err: unknown) => live && setLoadError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [row.id, loadDetail]);

  return (
    <aside className="detail-pane" aria-label="Registry row detail">
      <header className="detail-pane__header">
        <h3>{recordTitle(row)}</h3>
        <button type="button" className="button button--ghost" aria-label="Close the detail" onClick={onClose}>
          ×
        </button>
      </header>
      <dl className="detail-list">
        <dt>State</dt>
        <dd>
          <span className={`state-pill state-pill--${row.state.toLowerCase()}`}>{row.state}</span>
        </dd>
        <dt>Operation</dt>
        <dd>
          {row.operation} in {sideLabel(row.side)}
        </dd>
        <dt>Object</dt>
        <dd>{row.object}</dd>
        <dt>Salesforce ID</dt>
        <dd className="mono" data-testid="detail-salesforce-id">
          {row.salesforceId || "—"}
        </dd>
        <dt>Clarizen ID</dt>
        <dd className="mono" data-testid="detail-clarizen-id">
          {row.clarizenId || "—"}
        </dd>
        <dt>Mapping</dt>
        <dd>{row.mapping}</dd>
        <dt>Event</dt>
        <dd data-testid="detail-event">{eventName || "None: the mapping synced it"}</dd>
        {row.runId ? (
          <>
            <dt>Run</dt>
            <dd>{row.runId}</dd>
          </>
        ) : null}
        <dt>Time</dt>
        <dd>{formatTime(row.time)}</dd>
      </dl>
      {row.error ? (
        <section>
          <h4>Error{row.errorCode ? ` ${row.errorCode}` : ""}</h4>
          <pre className="code code--error">{row.error}</pre>
          {detail?.hint ? <p className="problem__fix">{detail.hint}</p> : null}
        </section>
      ) : null}
      <section>
        <h4>Field values</h4>
        {loadError ? <p className="problem">{loadError}</p> : null}
        {detail ? <FieldDiffTable changes={detail.fields} /> : loadDetail ? <p className="muted">Loading…</p> : null}
      </section>
      {row.state === "Failed" ? (
        <button type="button" className="button button--primary" onClick={() => onRetry([row.id])}>
          Retry this record
        </button>
      ) : null}
    </aside>
  );
}
