import type { RunPhase, RunView } from "../../api/types";
import { HeldDeletesNote, SkippedNote } from "../common/RunNotes";

export interface RunProgressBarProps {
  run: RunView;
  onCancel(runId: number): void;
  /** Closes the end summary. */
  onDismiss?(): void;
  /** Opens the registry filtered to this run's failures. */
  onShowFailures?(): void;
}

const phaseLabels: Record<RunPhase, string> = {
  resume: "Resuming unfinished records",
  detect: "Reading changes",
  plan: "Planning",
  apply: "Writing records",
  done: "Finishing",
};

const triggerLabels: Record<string, string> = {
  manual: "Sync Now",
  schedule: "Scheduled sync",
  retry: "Retry",
  cli: "Command line sync",
  demo: "Demo sync",
};

const numberFormat = new Intl.NumberFormat("en-US");

/** Returns the title of a finished run. */
function endTitle(status: string, failed: number): string {
  switch (status) {
    case "cancelled":
      return "Sync cancelled";
    case "stopped":
      return "Sync stopped early";
    case "failed":
      return "Sync failed";
  }
  return failed > 0 ? "Sync finished with failures" : "Sync finished";
}

/** Progress of a running sync (scheduled or not) with Cancel, and its summary once it ends. */
export function RunProgressBar({ run, onCancel, onDismiss, onShowFailures }: RunProgressBarProps) {
  const p = run.progress;
  const s = run.summary;
  const totals = s
    ? s.mappings.reduce(
        (t, m) => ({ created: t.created + m.created, updated: t.updated + m.updated, deleted: t.deleted + m.deleted, failed: t.failed + m.failed }),
        { created: 0, updated: 0, deleted: 0, failed: 0 },
      )
    : { created: p.created, updated: p.updated, deleted: p.deleted, failed: p.failed };
  const percent = p.total > 0 ? Math.min(100, Math.round((p.done / p.total) * 100)) : undefined;
  const label = triggerLabels[run.trigger] ?? "Sync";

  const counts = (
    <dl className="run-counts">
      <div>
        <dt>Created</dt>
        <dd>{numberFormat.format(totals.created)}</dd>
      </div>
      <div>
        <dt>Updated</dt>
        <dd>{numberFormat.format(totals.updated)}</dd>
      </div>
      <div>
        <dt>Deleted</dt>
        <dd>{numberFormat.format(totals.deleted)}</dd>
      </div>
      <div className={totals.failed > 0 ? "run-counts__failed" : ""}>
        <dt>Failed</dt>
        <dd>{numberFormat.format(totals.failed)}</dd>
      </div>
    </dl>
  );

  if (s) {
    const failed = s.status === "failed" || totals.failed > 0;
    const calls = Object.entries(s.apiCalls)
      .map(([connection, n]) => `${connection} ${numberFormat.format(n)}`)
      .join(", ");
    return (
      <section
        className={`run-progress run-progress--done${failed ? " run-progress--failed" : ""}`}
        aria-label="Sync summary"
        role="status"
      >
        <header className="run-progress__header">
          <strong>{endTitle(s.status, totals.failed)}</strong>
          <span className="muted">
            {label} · run {s.runId}
            {calls ? ` · API calls: ${calls}` : ""}
          </span>
          <span className="toolbar__spacer" />
          {onDismiss ? (
            <button type="button" className="button button--ghost" onClick={onDismiss}>
              Close
            </button>
          ) : null}
        </header>
        {counts}
        {s.stopReason ? <p className="run-progress__message">{s.stopReason}</p> : null}
        {s.pending > 0 ? (
          <p className="muted">{numberFormat.format(s.pending)} operations stay Pending for the next run.</p>
        ) : null}
        <HeldDeletesNote held={s.heldDeletes ?? []} />
        <SkippedNote skipped={s.skipped ?? []} />
        {s.mappings.length > 0 ? (
          <table className="table table--compact run-summary-table" aria-label="Per mapping">
            <thead>
              <tr>
                <th scope="col">Mapping</th>
                <th scope="col">Created</th>
                <th scope="col">Updated</th>
                <th scope="col">Deleted</th>
                <th scope="col" title="Pairs linked by a create or an update">
                  Linked
                </th>
                <th scope="col" title="Pairs found by key fields and linked without a write">
                  Matched
                </th>
                <th scope="col">Failed</th>
                <th scope="col">API calls</th>
              </tr>
            </thead>
            <tbody>
              {s.mappings.map((m) => (
                <tr key={m.mappingId}>
                  <th scope="row">{m.name}</th>
                  <td>{m.created}</td>
                  <td>{m.updated}</td>
                  <td>{m.deleted}</td>
                  <td>{m.linked}</td>
                  <td>{m.matched}</td>
                  <td>{m.failed}</td>
                  <td>{m.apiCalls}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {failed ? (
          <p className="muted">
            Open the Sync registry and filter by Failed to see each error and retry.{" "}
            {onShowFailures ? (
              <button type="button" className="button button--ghost" onClick={onShowFailures}>
                Show failures
              </button>
            ) : null}
          </p>
        ) : null}
      </section>
    );
  }

  const phase = phaseLabels[p.phase] ?? "Working";
  return (
    <section className="run-progress" aria-label="Sync progress">
      <header className="run-progress__header">
        <strong>
          {label}: {phase}
        </strong>
        <span className="muted" aria-live="polite">
          {p.total > 0
            ? `${numberFormat.format(p.done)} of ${numberFormat.format(p.total)}`
            : p.read > 0
              ? `${numberFormat.format(p.read)} records read`
              : "Counting records…"}
          {p.object ? ` · ${p.object}` : ""}
          {p.mapping ? ` · ${p.mapping}` : ""}
        </span>
        <span className="toolbar__spacer" />
        <button type="button" className="button button--ghost button--danger" onClick={() => onCancel(run.runId)}>
          Cancel
        </button>
      </header>
      <div
        className={`progress${percent === undefined ? " progress--indeterminate" : ""}`}
        role="progressbar"
        aria-label={phase}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div className="progress__fill" style={{ width: percent === undefined ? undefined : `${percent}%` }} />
      </div>
      {counts}
    </section>
  );
}
