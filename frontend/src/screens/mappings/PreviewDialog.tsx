import { useState } from "react";
import { useApi } from "../../api/context";
import type { ApiError, ApplyOutcome, Plan } from "../../api/types";
import { Dialog } from "../../components/common/Dialog";
import { ErrorNote, errorOf } from "../../components/common/ErrorNote";
import { PlanPreview } from "../../components/plan/PlanPreview";

/** Shows a previewed plan and applies or discards it; the progress bar follows the run meanwhile. */
export function PreviewDialog({ plan, onClose }: { plan: Plan; onClose(): void }) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [outcome, setOutcome] = useState<ApplyOutcome | null>(null);

  const apply = async (id: string) => {
    setBusy(true);
    setError(null);
    try {
      setOutcome(await api.runs.apply(id));
    } catch (err) {
      setError(errorOf(err));
    } finally {
      setBusy(false);
    }
  };

  const discard = async (id: string) => {
    await api.runs.discard(id).catch(() => undefined);
    onClose();
  };

  return (
    <Dialog title="Preview of the sync" onClose={outcome || error ? onClose : () => void discard(plan.id)} wide>
      {outcome ? (
        <section role="status" aria-label="Applied">
          <p>
            {outcome.replanned ? outcome.reason : "The run applied the plan shown."} Run {outcome.summary.runId}{" "}
            {outcome.summary.status}.
          </p>
          <div className="button-row">
            <button type="button" className="button button--primary" onClick={onClose}>
              Close
            </button>
          </div>
        </section>
      ) : (
        <PlanPreview plan={plan} busy={busy} onApply={(id) => void apply(id)} onDiscard={(id) => void discard(id)} />
      )}
      {busy ? <p className="muted">Applying; the progress shows at the top of the window.</p> : null}
      {error ? <ErrorNote error={error} /> : null}
    </Dialog>
  );
}
