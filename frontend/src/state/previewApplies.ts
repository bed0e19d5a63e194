// Records which runs a Preview apply started. The engine records such a run as a manual one, the same
// trigger as Sync Now, so the progress bar at the top of the window checks here before naming it.
// NOTE: module state, one per window; a run that starts between Apply and its own run would take the name.

let expectedAfter: number | null = null;
const previewRuns = new Set<number>();

/** Records that a Preview apply was requested while runId was the newest run: the next run is its run. */
export function expectPreviewApply(runId: number): void {
  expectedAfter = runId;
}

/** Clears a requested Preview apply once Apply returns, so that a run the engine rejected names no later run. */
export function previewApplyEnded(): void {
  expectedAfter = null;
}

/** Reports whether a Preview apply started the run runId. */
export function isPreviewApply(runId: number): boolean {
  if (previewRuns.has(runId)) return true;
  if (expectedAfter !== null && runId > expectedAfter) {
    previewRuns.add(runId);
    expectedAfter = null;
    return true;
  }
  return false;
}
