import { useEffect, useState } from "react";
import { useApi } from "../api/context";
import type { ApiError, DefinitionRow, EnableOutcome, LiaisonApi, Plan, Problem } from "../api/types";
import { Dialog } from "../components/common/Dialog";
import { EmptyState } from "../components/common/EmptyState";
import { ErrorNote, errorOf } from "../components/common/ErrorNote";
import { MapIcon } from "../components/common/icons";
import { countOf } from "../components/common/plural";
import { useLoad } from "../state/useLoad";
import { EventEditor } from "./mappings/EventEditor";
import { MappingEditor } from "./mappings/MappingEditor";
import { PackagePanel } from "./mappings/PackagePanel";
import { PreviewDialog } from "./mappings/PreviewDialog";
import { ScheduleDialog } from "./mappings/ScheduleDialog";
import { DefinitionsTable, definitionKey, type ObjectLabels } from "./MappingsScreenTable";

const syncStartedNotice = "The sync started; its progress shows at the top of the window.";

type Editing = { kind: "mapping" | "event"; id: string | null } | null;

type Modal =
  | { kind: "package" }
  | { kind: "schedule" }
  | { kind: "preview"; plan: Plan }
  | { kind: "delete"; rows: DefinitionRow[] }
  | { kind: "problems"; items: { row: DefinitionRow; problems: Problem[] }[] }
  | { kind: "enableEvent"; row: DefinitionRow; matching: number | null; error: ApiError | null }
  | { kind: "importConflict"; message: string }
  | null;

interface LabelCache {
  labels: Promise<ObjectLabels>;
  /** The objects that were missing at some load, so each is looked for once. */
  triedFor: Set<string>;
}

const salesforceLabels = new WeakMap<LiaisonApi, LabelCache>();

/**
 * Loads the Salesforce object labels once per window, because each load is a describe call that counts
 * against the org's daily API limit. It loads them again when a mapping uses an object that no load has
 * looked for yet, such as a custom object the best-practices package just created. A failed load is
 * forgotten so that the next screen visit tries again.
 */
function loadSalesforceLabels(api: LiaisonApi, missing: string[]): Promise<ObjectLabels> {
  const cached = salesforceLabels.get(api);
  if (cached && missing.every((name) => cached.triedFor.has(name))) return cached.labels;
  const labels = api.schema.salesforceObjects().then((objects) => new Map(objects.map((o) => [o.name, o.label])));
  labels.catch(() => salesforceLabels.delete(api));
  salesforceLabels.set(api, { labels, triedFor: new Set([...(cached?.triedFor ?? []), ...missing]) });
  return labels;
}

/** Mappings & Events: one list of both, with the ribbon of commands above it and the editors. */
export function MappingsScreen({ onGoToConnections }: { onGoToConnections(): void }) {
  const api = useApi();
  const list = useLoad(() => api.definitions.list(), [api]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [menu, setMenu] = useState<"sync" | "add" | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [modal, setModal] = useState<Modal>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState("");
  const [busy, setBusy] = useState(false);
  const connections = useLoad(() => api.connections.view(), [api]);
  const [labels, setLabels] = useState<ObjectLabels>(new Map());
  const rows = list.data ?? [];
  const salesforceConnected = connections.data?.connections.some((c) => c.id === "salesforce" && c.state === "connected") ?? false;
  const clarizenConnected = connections.data?.connections.some((c) => c.system === "clarizen" && c.state === "connected") ?? false;

  // Until the connections are known, the empty list offers neither Add a mapping nor Go to Connections.
  const connectionsKnown = connections.data !== undefined || connections.error !== null;
  const needsConnections = connectionsKnown && !(salesforceConnected && clarizenConnected);

  useEffect(() => api.on("config.changed", list.reload), [api, list.reload]);
  useEffect(() => api.on("connection.changed", connections.reload), [api, connections.reload]);
  // A run writes each mapping's last result when it ends, so the list shows it at once.
  useEffect(
    () =>
      api.on("run.finished", () => {
        list.reload();
        setNotice((n) => (n === syncStartedNotice ? "" : n));
      }),
    [api, list.reload],
  );
  const missingLabels = Array.from(new Set(rows.map((r) => r.salesforceObject).filter((o) => o !== "" && !labels.has(o))))
    .sort()
    .join(",");
  useEffect(() => {
    if (!salesforceConnected) return;
    let live = true;
    loadSalesforceLabels(api, missingLabels === "" ? [] : missingLabels.split(",")).then(
      (l) => live && setLabels(l),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, salesforceConnected, missingLabels]);

  const key = definitionKey;
  const chosen = rows.filter((r) => selected.has(key(r)));
  const toggle = (r: DefinitionRow) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(key(r))) next.delete(key(r));
      else next.add(key(r));
      return next;
    });
  const toggleMenu = (m: "sync" | "add") => setMenu((cur) => (cur === m ? null : m));

  const act = async (what: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setNotice("");
    setMenu(null);
    try {
      await what();
    } catch (err) {
      setError(errorOf(err));
    } finally {
      setBusy(false);
      list.reload();
    }
  };

  const enable = () =>
    act(async () => {
      const blocked: { row: DefinitionRow; problems: Problem[] }[] = [];
      for (const row of chosen.filter((r) => r.kind === "mapping" && !r.enabled)) {
        const out: EnableOutcome = await api.definitions.enableMapping(row.id);
        if (!out.enabled) blocked.push({ row, problems: out.problems });
      }
      if (blocked.length > 0) {
        setModal({ kind: "problems", items: blocked });
        return;
      }
      const event = chosen.find((r) => r.kind === "event" && !r.enabled);
      if (event) {
        setModal({ kind: "enableEvent", row: event, matching: null, error: null });
        try {
          const matching = await api.definitions.countMatching(event.id);
          setModal({ kind: "enableEvent", row: event, matching, error: null });
        } catch (err) {
          setModal({ kind: "enableEvent", row: event, matching: null, error: errorOf(err) });
        }
      }
    });

  const enableEvent = (row: DefinitionRow, fireExisting: boolean) =>
    act(async () => {
      const out = await api.definitions.enableEvent(row.id, fireExisting);
      if (!out.enabled) {
        setModal({ kind: "problems", items: [{ row, problems: out.problems }] });
        return;
      }
      setModal(null);
      setNotice(
        fireExisting
          ? `“${row.name}” is enabled. The ${out.matching} records that match now fire on the next sync.`
          : `“${row.name}” is enabled. Only records that start to match from now on fire.`,
      );
    });

  const disable = () =>
    act(async () => {
      for (const row of chosen.filter((r) => r.enabled)) {
        if (row.kind === "mapping") await api.definitions.disableMapping(row.id);
        else await api.definitions.disableEvent(row.id);
      }
    });

  const mappingIds = () => chosen.filter((r) => r.kind === "mapping").map((r) => r.id);

  const syncNow = () =>
    act(async () => {
      await api.runs.syncNow(mappingIds());
      setNotice(syncStartedNotice);
    });

  const preview = () =>
    act(async () => {
      const plan = await api.runs.preview(mappingIds());
      setModal({ kind: "preview", plan });
    });

  const remove = (targets: DefinitionRow[]) =>
    act(async () => {
      setModal(null);
      for (const row of targets) await api.definitions.remove(row.kind, row.id);
      setSelected(new Set());
    });

  const exportFile = () =>
    act(async () => {
      const out = await api.definitions.exportFile();
      if (out.path) setNotice(`Exported ${countOf(out.mappings, "mapping")} and ${countOf(out.events, "event")} to ${out.path}.`);
    });

  const importFile = (replace: boolean) =>
    act(async () => {
      try {
        const out = await api.definitions.importFile(replace);
        setModal(null);
        if (out.path) setNotice(`Imported ${countOf(out.mappings, "mapping")} and ${countOf(out.events, "event")}, disabled, from ${out.path}.`);
      } catch (err) {
        const e = errorOf(err);
        if (e.code === "import_conflict") {
          setModal({ kind: "importConflict", message: e.message });
          return;
        }
        throw e;
      }
    });

  if (editing) {
    const close = () => {
      setEditing(null);
      list.reload();
    };
    return editing.kind === "mapping" ? (
      <MappingEditor id={editing.id} onClose={close} />
    ) : (
      <EventEditor id={editing.id} onClose={close} />
    );
  }

  const one = chosen.length === 1 ? chosen[0] : undefined;

  return (
    <div className="screen-stack">
      <div className="ribbon" role="toolbar" aria-label="Mappings and events">
        <button type="button" className="button button--ghost" disabled={busy || !chosen.some((r) => !r.enabled)} onClick={() => void enable()}>
          Enable
        </button>
        <button type="button" className="button button--ghost" disabled={busy || !chosen.some((r) => r.enabled)} onClick={() => void disable()}>
          Disable
        </button>
        <span className="ribbon__sep" />
        <div className="menu">
          <button type="button" className="button button--ghost" aria-haspopup="menu" aria-expanded={menu === "sync"} onClick={() => toggleMenu("sync")}>
            Sync ▾
          </button>
          {menu === "sync" ? (
            <ul className="menu__list" role="menu">
              <li role="none">
                <button type="button" role="menuitem" className="button" disabled={busy} onClick={() => void syncNow()}>
                  Sync Now
                </button>
              </li>
              <li role="none">
                <button type="button" role="menuitem" className="button" disabled={busy} onClick={() => void preview()}>
                  Preview…
                </button>
              </li>
              <li role="none">
                <button
                  type="button"
                  role="menuitem"
                  className="button"
                  onClick={() => {
                    setMenu(null);
                    setModal({ kind: "schedule" });
                  }}
                >
                  Sync Schedule…
                </button>
              </li>
            </ul>
          ) : null}
        </div>
        <div className="menu">
          <button type="button" className="button button--ghost" aria-haspopup="menu" aria-expanded={menu === "add"} onClick={() => toggleMenu("add")}>
            Add New ▾
          </button>
          {menu === "add" ? (
            <ul className="menu__list" role="menu">
              <li role="none">
                <button type="button" role="menuitem" className="button" onClick={() => setEditing({ kind: "mapping", id: null })}>
                  Mapping
                </button>
              </li>
              <li role="none">
                <button type="button" role="menuitem" className="button" onClick={() => setEditing({ kind: "event", id: null })}>
                  Event
                </button>
              </li>
            </ul>
          ) : null}
        </div>
        <button type="button" className="button button--ghost" disabled={!one} onClick={() => one && setEditing({ kind: one.kind, id: one.id })}>
          Edit
        </button>
        <button type="button" className="button button--ghost" disabled={busy || chosen.length === 0} onClick={() => setModal({ kind: "delete", rows: chosen })}>
          Delete
        </button>
        <span className="ribbon__sep" />
        <button type="button" className="button button--ghost" disabled={busy} onClick={() => void exportFile()}>
          Export
        </button>
        <button type="button" className="button button--ghost" disabled={busy} onClick={() => void importFile(false)}>
          Import
        </button>
        <span className="ribbon__sep" />
        <button type="button" className="button button--ghost" onClick={() => setModal({ kind: "package" })}>
          Best-practices package…
        </button>
      </div>

      {error ? <ErrorNote error={error} /> : null}
      {list.error ? <ErrorNote error={list.error} /> : null}
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}

      {rows.length === 0 && !list.loading ? (
        <EmptyState
          icon={<MapIcon />}
          title="No mappings or events yet"
          actions={
            <>
              {salesforceConnected && clarizenConnected ? (
                <button type="button" className="button" onClick={() => setEditing({ kind: "mapping", id: null })}>
                  Add a mapping
                </button>
              ) : null}
              {needsConnections ? (
                <button type="button" className="button" onClick={onGoToConnections}>
                  Go to Connections
                </button>
              ) : null}
              <button type="button" className="button button--primary" onClick={() => setModal({ kind: "package" })}>
                Install the best-practices package
              </button>
            </>
          }
        >
          <p>
            A mapping pairs a Clarizen entity with a Salesforce object, such as Project with Opportunity; an event says
            when a record starts to sync.{" "}
            {needsConnections
              ? "Connect Salesforce and a Clarizen instance, then install the best-practices package or choose Add New ▸ Mapping."
              : "Install the best-practices package for ready-made mappings and events, or add a mapping of your own."}
          </p>
        </EmptyState>
      ) : (
        <DefinitionsTable
          rows={rows}
          connections={connections.data?.connections}
          labels={labels}
          selected={selected}
          onToggle={toggle}
          onSelectAll={(all) => setSelected(all ? new Set(rows.map(key)) : new Set())}
          onOpen={(r) => setEditing({ kind: r.kind, id: r.id })}
        />
      )}

      {modal?.kind === "package" ? <PackagePanel onClose={() => setModal(null)} onInstalled={list.reload} /> : null}
      {modal?.kind === "schedule" ? <ScheduleDialog onClose={() => setModal(null)} /> : null}
      {modal?.kind === "preview" ? (
        <PreviewDialog
          plan={modal.plan}
          onClose={() => {
            setModal(null);
            list.reload();
          }}
        />
      ) : null}
      {modal?.kind === "delete" ? (
        <Dialog
          title={modal.rows.length === 1 ? `Delete “${modal.rows[0]?.name}”?` : `Delete ${modal.rows.length} definitions?`}
          onClose={() => setModal(null)}
          actions={
            <>
              <button type="button" className="button" onClick={() => setModal(null)}>
                Keep
              </button>
              <button type="button" className="button button--danger-solid" onClick={() => void remove(modal.rows)}>
                Delete
              </button>
            </>
          }
        >
          <p>
            Deleting a mapping drops its links: records already synced stay in both systems but no longer sync. A mapping
            that an event or another mapping uses cannot be deleted.
          </p>
        </Dialog>
      ) : null}
      {modal?.kind === "problems" ? (
        <Dialog
          title="Fix these problems before enabling"
          onClose={() => setModal(null)}
          actions={
            <button type="button" className="button" onClick={() => setModal(null)}>
              Close
            </button>
          }
        >
          {modal.items.map(({ row, problems }) => (
            <section key={row.id} className="problem-group">
              <h3>
                {row.name}{" "}
                <button type="button" className="link-button" onClick={() => setEditing({ kind: row.kind, id: row.id })}>
                  Open in the editor
                </button>
              </h3>
              <ul className="problem-list" aria-label={`Problems of ${row.name}`}>
                {problems.map((p, i) => (
                  <li key={i} className={p.severity === "warning" ? "problem problem--warning" : "problem"}>
                    {p.message} {p.fix ? <span className="problem__fix">{p.fix}</span> : null}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </Dialog>
      ) : null}
      {modal?.kind === "enableEvent" ? (
        <Dialog
          title={`Enable “${modal.row.name}”`}
          onClose={() => setModal(null)}
          actions={
            <>
              <button type="button" className="button" onClick={() => setModal(null)}>
                Cancel
              </button>
              <button
                type="button"
                className="button"
                disabled={busy || modal.matching === null}
                onClick={() => void enableEvent(modal.row, false)}
              >
                Only new matches
              </button>
              <button
                type="button"
                className="button button--primary"
                disabled={busy || modal.matching === null}
                onClick={() => void enableEvent(modal.row, true)}
              >
                Fire for {modal.matching ?? "…"} records
              </button>
            </>
          }
        >
          {modal.error ? <ErrorNote error={modal.error} /> : null}
          {modal.matching === null && !modal.error ? <p className="muted">Counting the records that match now…</p> : null}
          {modal.matching !== null ? (
            <>
              <p data-testid="matching-count">
                <strong>{modal.matching}</strong> {modal.row.salesforceObject || modal.row.clarizenEntity} records match the
                event's condition now.
              </p>
              <p>
                Should they fire on the next sync, creating their counterparts? Otherwise only records that start to match
                from now on fire. Either way each record fires once.
              </p>
            </>
          ) : null}
        </Dialog>
      ) : null}
      {modal?.kind === "importConflict" ? (
        <Dialog
          title="The file holds definitions you already have"
          onClose={() => setModal(null)}
          actions={
            <>
              <button type="button" className="button" onClick={() => setModal(null)}>
                Cancel
              </button>
              <button type="button" className="button button--danger-solid" onClick={() => void importFile(true)}>
                Choose the file again and replace them
              </button>
            </>
          }
        >
          <p>{modal.message}</p>
        </Dialog>
      ) : null}
    </div>
  );
}
