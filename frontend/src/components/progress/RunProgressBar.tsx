import { useState, type ReactNode } from "react";
import type { RunPhase, RunSummary, RunView } from "../../api/types";
import { Dialog } from "../common/Dialog";
import { HeldDeletesNote, SkippedNote } from "../common/RunNotes";
import { connectionName } from "../common/sides";

export interface RunProgressBarProps {
  run: RunView;
  onCancel(runId: number): void;
  /** Closes the end summary. */
  onDismiss?(): void;
  /** Opens the registry filtered to this run's failures. */
  onShowFailures?(): void;
  /** Names the running sync in place of its trigger, such as "Applying the preview". */
  runningLabel?: string;
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
  preview: "Preview apply",
};

// A run's title while it runs, where the trigger's name alone would mislead.
const runningLabels: Record<string, string> = {
  preview: "Applying the preview",
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

interface Totals {
  created: number;
  updated: number;
  deleted: number;
  failed: number;
}

interface SummaryBarProps {
  run: RunView;
  summary: RunSummary;
  totals: Totals;
  counts: ReactNode;
  onDismiss?(): void;
  onShowFailures?(): void;
}

/**
 * Shows a finished run in one line (title, trigger, run id, totals) with
 * Details, which opens the whole summary in a dialog, so the result does not
 * push the screen below it down.
 */
function RunSummaryBar({ run, summary: s, totals, counts, onDismiss, onShowFailures }: SummaryBarProps) {
  const [open, setOpen] = useState(false);
  const failed = s.status === "failed" || totals.failed > 0;
  const title = endTitle(s.status, totals.failed);
  const label = triggerLabels[run.trigger] ?? "Sync";
  const calls = Object.entries(s.apiCalls)
    .map(([connection, n]) => `${numberFormat.format(n)} to ${connectionName(connection)}`)
    .join(", ");
  const heldDeletions = (s.heldDeletes ?? []).reduce((n, h) => n + h.deletes, 0);
  const skipped = (s.skipped ?? []).length;
  const line = [
    `${label} · run ${s.runId}`,
    `${numberFormat.format(totals.created)} created, ${numberFormat.format(totals.updated)} updated, ${numberFormat.format(totals.deleted)} deleted, ${numberFormat.format(totals.failed)} failed`,
    heldDeletions > 0 ? `${numberFormat.format(heldDeletions)} ${heldDeletions === 1 ? "deletion" : "deletions"} held back` : "",
    skipped > 0 ? `${skipped} left out` : "",
  ]
    .filter((part) => part !== "")
    .join(" · ");

  return (
    <>
      <section
        className={`run-progress run-progress--done run-summary-bar${failed ? " run-progress--failed" : ""}`}
        aria-label="Sync summary"
        role="status"
      >
        <strong>{title}</strong>
        <span className="run-summary-bar__line">{line}</span>
        {failed && onShowFailures ? (
          <button type="button" className="button button--ghost" onClick={onShowFailures}>
            Show failures
          </button>
        ) : null}
        <button type="button" className="button button--ghost" aria-haspopup="dialog" onClick={() => setOpen(true)}>
          Details
        </button>
        {onDismiss ? (
          <button type="button" className="button button--ghost" aria-label="Close" title="Close the summary" onClick={onDismiss}>
            ×
          </button>
        ) : null}
      </section>
      {open ? (
        <Dialog title={`${title}: run ${s.runId}`} onClose={() => setOpen(false)} wide>
          <div className="run-details" aria-label="Run details">
            <p className="muted">
              {label}
              {calls ? ` · API calls: ${calls}` : ""}
            </p>
            {counts}
            {s.stopReason ? <p className="run-progress__message">{s.stopReason}</p> : null}
            {s.pending > 0 ? (
              <p className="muted">
                {numberFormat.format(s.pending)} {s.pending === 1 ? "operation stays" : "operations stay"} Pending for the next run.
              </p>
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
                  <button
                    type="button"
                    className="button button--ghost"
                    onClick={() => {
                      setOpen(false);
                      onShowFailures();
                    }}
                  >
                    Show failures
                  </button>
                ) : null}
              </p>
            ) : null}
          </div>
        </Dialog>
      ) : null}
    </>
  );
}

/** Progress of a running sync (scheduled or not) with Cancel, and a one-line summary once it ends. */
export function RunProgressBar({ run, onCancel, onDismiss, onShowFailures, runningLabel }: RunProgressBarProps) {
  const p = run.progress;
  const s = run.summary;
  const totals = s
    ? s.mappings.reduce(
        (t, m) => ({ created: t.created + m.created, updated: t.updated + m.updated, deleted: t.deleted + m.deleted, failed: t.failed + m.failed }),
        { created: 0, updated: 0, deleted: 0, failed: 0 },
      )
    : { created: p.created, updated: p.updated, deleted: p.deleted, failed: p.failed };
  const percent = p.total > 0 ? Math.min(100, Math.round((p.done / p.total) * 100)) : undefined;
  const label = runningLabel ?? runningLabels[run.trigger] ?? triggerLabels[run.trigger] ?? "Sync";

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
    // Keyed by run, so a Details dialog never shows a newer run's summary.
    return <RunSummaryBar key={s.runId} run={run} summary={s} totals={totals} counts={counts} onDismiss={onDismiss} onShowFailures={onShowFailures} />;
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
              ? `${numberFormat.format(p.read)} ${p.read === 1 ? "record" : "records"} read`
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
