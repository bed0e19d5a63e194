// The table of the Mappings & Events screen: objects by label, the paused
// state with its reason in words, and last results in the user's locale.
import type { ConnectionStatus, DefinitionRow } from "../api/types";
import { connectionName } from "../components/common/sides";
import { formatTime, splitTimedLine } from "../components/common/time";

/** Labels of Salesforce objects by API name. Clarizen entities need none because Clarizen uses the name as the label. */
export type ObjectLabels = ReadonlyMap<string, string>;

const stateWords: Record<string, string> = {
  disconnected: "is disconnected",
  needs_reauth: "needs a new sign-in",
  unreachable: "cannot be reached",
  org_changed: "reached another Salesforce org",
};

/**
 * Returns why a definition does not sync now, in words, or "" when it is not paused. A definition uses
 * Salesforce and its Clarizen instance. It is paused while it is enabled and one of them is not connected.
 * A mapping is also paused while the engine marks it as waiting for the admin.
 */
export function pausedReason(row: DefinitionRow, connections: ConnectionStatus[] | undefined): string {
  const used = ["salesforce", `clarizen${row.clarizenInstance}`];
  const down = (connections ?? []).filter((c) => used.includes(c.id) && c.state !== "connected");
  if (row.enabled && down.length > 0) {
    const parts = down.map((c) => `${connectionName(c.id)} ${stateWords[c.state] ?? `is ${c.state}`}`);
    return `${parts.join(" and ")}. It syncs again once you reconnect on the Connections screen.`;
  }
  if (row.state === "needs_reauth") {
    return "A connection it uses needs you on the Connections screen.";
  }
  return "";
}

interface ObjectPair {
  labels: string;
  names: string;
}

/** Returns a definition's objects by label and by API name, such as "Opportunity → Project" for a Salesforce-triggered event. */
export function objectPair(row: DefinitionRow, labels: ObjectLabels): ObjectPair {
  const sfName = row.salesforceObject || "?";
  const czName = row.clarizenEntity || "?";
  const sfLabel = labels.get(row.salesforceObject) ?? sfName;
  let arrow = "⇄";
  let first: [string, string] = [sfLabel, sfName];
  let second: [string, string] = [czName, czName];
  if (row.kind === "event") {
    arrow = "→";
    if (row.triggeredBy === "clarizen") [first, second] = [second, first];
  }
  return { labels: `${first[0]} ${arrow} ${second[0]}`, names: `${first[1]} ${arrow} ${second[1]}` };
}

export interface DefinitionsTableProps {
  rows: DefinitionRow[];
  connections: ConnectionStatus[] | undefined;
  labels: ObjectLabels;
  selected: ReadonlySet<string>;
  onToggle(row: DefinitionRow): void;
  onSelectAll(all: boolean): void;
  onOpen(row: DefinitionRow): void;
}

/** Returns the key of a row in the selection: kind and id, since a mapping and an event may share an id. */
export function definitionKey(row: DefinitionRow): string {
  return `${row.kind}:${row.id}`;
}

/** Lists mappings and events with their objects, instance, state and last result. */
export function DefinitionsTable({ rows, connections, labels, selected, onToggle, onSelectAll, onOpen }: DefinitionsTableProps) {
  const chosen = rows.filter((r) => selected.has(definitionKey(r))).length;
  return (
    <table className="table definitions-table" aria-label="Mappings and events">
      <thead>
        <tr>
          <th scope="col">
            <input
              type="checkbox"
              aria-label="Select all"
              checked={rows.length > 0 && chosen === rows.length}
              onChange={(e) => onSelectAll(e.target.checked)}
            />
          </th>
          <th scope="col">Type</th>
          <th scope="col">Name</th>
          <th scope="col">Objects</th>
          <th scope="col">Clarizen instance</th>
          <th scope="col">Enabled</th>
          <th scope="col">Last result</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <DefinitionLine
            key={definitionKey(r)}
            row={r}
            connections={connections}
            labels={labels}
            selected={selected.has(definitionKey(r))}
            onToggle={onToggle}
            onOpen={onOpen}
          />
        ))}
      </tbody>
    </table>
  );
}

interface DefinitionLineProps {
  row: DefinitionRow;
  connections: ConnectionStatus[] | undefined;
  labels: ObjectLabels;
  selected: boolean;
  onToggle(row: DefinitionRow): void;
  onOpen(row: DefinitionRow): void;
}

function DefinitionLine({ row: r, connections, labels, selected, onToggle, onOpen }: DefinitionLineProps) {
  const objects = objectPair(r, labels);
  const paused = pausedReason(r, connections);
  const last = splitTimedLine(r.lastResult);
  const reasonId = `paused-${r.kind}-${r.id}`;
  return (
    <tr data-definition={r.id} aria-selected={selected} className={selected ? "row--selected" : ""} onDoubleClick={() => onOpen(r)}>
      <td>
        <input type="checkbox" aria-label={`Select ${r.name}`} checked={selected} onChange={() => onToggle(r)} />
      </td>
      <td>
        <span className={`op-badge op-badge--${r.kind}`}>{r.kind === "mapping" ? "Mapping" : "Event"}</span>
      </td>
      <td>
        <button type="button" className="link-button cell-main" onClick={() => onOpen(r)}>
          {r.name}
        </button>
        {r.description ? <span className="cell-note">{r.description}</span> : null}
      </td>
      <td title={objects.names}>
        <span className="cell-main">{objects.labels}</span>
        {objects.names !== objects.labels ? <span className="cell-sub">{objects.names}</span> : null}
      </td>
      <td>{r.clarizenInstance}</td>
      <td>
        <span className="pill-row">
          <span className={`state-pill state-pill--${r.enabled ? "success" : "pending"}`}>{r.enabled ? "Enabled" : "Disabled"}</span>
          {paused ? (
            <span className="state-pill state-pill--paused" aria-describedby={reasonId}>
              Paused
            </span>
          ) : null}
        </span>
        {paused ? (
          <span id={reasonId} className="cell-reason">
            {paused}
          </span>
        ) : null}
      </td>
      <td>
        <span className="cell-note">
          {last.time ? (
            <>
              <time dateTime={last.time}>{formatTime(last.time)}</time>: {last.text}
            </>
          ) : (
            r.lastResult || "Not synced yet"
          )}
        </span>
      </td>
    </tr>
  );
}
