import type { RunPhase, RunProgress } from "../../api/types";

export interface RunProgressBarProps {
  progress: RunProgress;
  onCancel(runId: string): void;
  /** Closes the end summary. */
  onDismiss?(): void;
}

const phaseLabels: Record<RunPhase, string> = {
  detect: "Reading changes",
  plan: "Planning",
  apply: "Writing records",
  finish: "Finishing",
};

const numberFormat = new Intl.NumberFormat("en-US");

const stateTitles = {
  succeeded: "Sync finished",
  failed: "Sync finished with failures",
  cancelled: "Sync cancelled",
} as const;

/** Progress of a running sync with Cancel, and its summary once it ends. */
export function RunProgressBar({ progress: p, onCancel, onDismiss }: RunProgressBarProps) {
  const percent = p.total > 0 ? Math.min(100, Math.round((p.done / p.total) * 100)) : undefined;
  const counts = (
    <dl className="run-counts">
      <div>
        <dt>Created</dt>
        <dd>{numberFormat.format(p.created)}</dd>
      </div>
      <div>
        <dt>Updated</dt>
        <dd>{numberFormat.format(p.updated)}</dd>
      </div>
      <div>
        <dt>Deleted</dt>
        <dd>{numberFormat.format(p.deleted)}</dd>
      </div>
      <div className={p.failed > 0 ? "run-counts__failed" : ""}>
        <dt>Failed</dt>
        <dd>{numberFormat.format(p.failed)}</dd>
      </div>
    </dl>
  );

  if (p.state !== "running") {
    const failed = p.state === "failed" || p.failed > 0;
    return (
      <section className={`run-progress run-progress--done${failed ? " run-progress--failed" : ""}`} aria-label="Sync summary" role="status">
        <header className="run-progress__header">
          <strong>{p.state === "succeeded" && p.failed > 0 ? stateTitles.failed : stateTitles[p.state]}</strong>
          <span className="muted">
            {numberFormat.format(p.done)} of {numberFormat.format(p.total)} operations
          </span>
        </header>
        {counts}
        {p.message ? <p className="run-progress__message">{p.message}</p> : null}
        {failed ? <p className="muted">Open the Sync registry and filter by Failed to see each error and retry.</p> : null}
        {onDismiss ? (
          <button type="button" className="button button--ghost" onClick={onDismiss}>
            Close
          </button>
        ) : null}
      </section>
    );
  }

  return (
    <section className="run-progress" aria-label="Sync progress">
      <header className="run-progress__header">
        <strong>{phaseLabels[p.phase]}</strong>
        <span className="muted" aria-live="polite">
          {p.total > 0 ? `${numberFormat.format(p.done)} of ${numberFormat.format(p.total)}` : "Counting records…"}
          {p.currentObject ? ` · ${p.currentObject}` : ""}
        </span>
        <button type="button" className="button button--ghost button--danger" onClick={() => onCancel(p.runId)}>
          Cancel
        </button>
      </header>
      <div
        className={`progress${percent === undefined ? " progress--indeterminate" : ""}`}
        role="progressbar"
        aria-label={phaseLabels[p.phase]}
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
