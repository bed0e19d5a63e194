import { toApiError } from "../../api/errorOf";
import type { ApiError } from "../../api/types";

/** Converts anything a rejected call throws into an ApiError. */
export function errorOf(err: unknown): ApiError {
  return toApiError(err);
}

/** Shows an error from the Go side: its message and, when it has one, the next step. */
export function ErrorNote({ error }: { error: ApiError }) {
  return (
    <div className="error-note" role="alert" data-code={error.code}>
      <p className="error-note__message">{error.message}</p>
      {error.hint ? <p className="error-note__hint">{error.hint}</p> : null}
    </div>
  );
}
