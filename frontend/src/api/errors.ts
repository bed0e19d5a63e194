import type { LiaisonApi } from "./types";

/**
 * Sends uncaught errors and unhandled promise rejections to the Go side,
 * which logs them (and, in the smoke test, fails the run). Returns a
 * function that removes the listeners.
 */
export function installErrorReporting(api: Pick<LiaisonApi, "reportError">): () => void {
  const onError = (event: ErrorEvent) => {
    void api
      .reportError({
        kind: "error",
        message: event.message || String(event.error),
        source: event.filename,
        line: event.lineno,
        column: event.colno,
        stack: event.error instanceof Error ? event.error.stack : undefined,
      })
      .catch(() => undefined);
  };
  const onRejection = (event: PromiseRejectionEvent) => {
    const reason: unknown = event.reason;
    void api
      .reportError({
        kind: "rejection",
        message: reason instanceof Error ? reason.message : String(reason),
        stack: reason instanceof Error ? reason.stack : undefined,
      })
      .catch(() => undefined);
  };
  window.addEventListener("error", onError);
  window.addEventListener("unhandledrejection", onRejection);
  return () => {
    window.removeEventListener("error", onError);
    window.removeEventListener("unhandledrejection", onRejection);
  };
}
