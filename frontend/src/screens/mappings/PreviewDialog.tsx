import { useRef, useState } from "react";
import { useApi } from "../../api/context";
import type { ApiError, ApplyOutcome, Plan, RunSummary } from "../../api/types";
import { Dialog } from "../../components/common/Dialog";
import { ErrorNote, errorOf } from "../../components/common/ErrorNote";
import { PlanPreview } from "../../components/plan/PlanPreview";
import { RunProgressBar } from "../../components/progress/RunProgressBar";
import { expectPreviewApply, isPreviewApply, previewApplyEnded } from "../../state/previewApplies";
import { useRuns } from "../../state/runs";

const numberFormat = new Intl.NumberFormat("en-US");

/** Returns "39 created, 12 updated, 0 deleted, 2 failed" for a run summary. */
function totalsText(summary: RunSummary): string {
  const t = { created: 0, updated: 0, deleted: 0, failed: 0 };
  for (const m of summary.mappings) {
    t.created += m.created;
    t.updated += m.updated;
    t.deleted += m.deleted;
    t.failed += m.failed;
  }
  return `${numberFormat.format(t.created)} created, ${numberFormat.format(t.updated)} updated, ${numberFormat.format(t.deleted)} deleted, ${numberFormat.format(t.failed)} failed`;
}

/**
 * Shows a previewed plan and applies or discards it. Once Apply is clicked
 * the plan gives way to the live progress of the run it starts (phase,
 * counts, Cancel), and then to the run's outcome.
 */
export function PreviewDialog({ plan, onClose }: { plan: Plan; onClose(): void }) {
  const api = useApi();
  const [runs] = useRuns(api);
  const [applying, setApplying] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [outcome, setOutcome] = useState<ApplyOutcome | null>(null);
  // The newest run known when Apply was clicked; the run Apply starts has a higher id.
  const runBefore = useRef(0);

  const apply = async (id: string) => {
    runBefore.current = runs.run?.runId ?? 0;
    expectPreviewApply(runBefore.current);
    setApplying(true);
    setError(null);
    try {
      const out = await api.runs.apply(id);
      // The outcome names the run, also when its run.started event has not arrived.
      isPreviewApply(out.summary.runId);
      setOutcome(out);
    } catch (err) {
      setError(errorOf(err));
    } finally {
      previewApplyEnded();
      setApplying(false);
    }
  };

  const discard = async (id: string) => {
    await api.runs.discard(id).catch(() => undefined);
    onClose();
  };

  const live = runs.run && runs.run.runId > runBefore.current ? runs.run : null;
  const title = applying ? "Applying the plan" : outcome ? "Plan applied" : "Preview of the sync";
  // While the run goes on, closing the dialog leaves it running with its progress at the top of the window.
  const close = applying || outcome || error ? onClose : () => void discard(plan.id);

  return (
    <Dialog title={title} onClose={close} wide={!outcome}>
      {applying ? (
        <section aria-label="Run progress" className="preview-run">
          {live ? (
            <RunProgressBar
              run={{ ...live, summary: undefined }}
              runningLabel="Applying the preview"
              onCancel={() => void api.runs.cancel().catch(() => undefined)}
            />
          ) : (
            <p className="waiting" role="status">
              <span className="spinner" aria-hidden="true" /> Starting the run…
            </p>
          )}
          <p className="muted">You can close this dialog: the run goes on, and its progress stays at the top of the window.</p>
        </section>
      ) : outcome ? (
        <section role="status" aria-label="Applied">
          <p>
            {outcome.replanned ? outcome.reason : "The run applied the plan shown."} Run {outcome.summary.runId}{" "}
            {outcome.summary.status}. Records: {totalsText(outcome.summary)}.
          </p>
          <div className="button-row">
            <button type="button" className="button button--primary" onClick={onClose}>
              Close
            </button>
          </div>
        </section>
      ) : (
        <PlanPreview plan={plan} onApply={(id) => void apply(id)} onDiscard={(id) => void discard(id)} />
      )}
      {error ? <ErrorNote error={error} /> : null}
    </Dialog>
  );
}
