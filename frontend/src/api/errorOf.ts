// Turns what a rejected bound call throws into an ApiError. It imports no
// binding, so components may use it.
import { ApiError } from "./types";

/** Converts a rejected bound call (app.ErrorPayload, or a bare string from Wails) into an ApiError. */
export function toApiError(reason: unknown): ApiError {
  if (reason instanceof ApiError) {
    return reason;
  }
  if (typeof reason === "object" && reason !== null && "code" in reason && "message" in reason) {
    const payload = reason as { code: unknown; message: unknown; hint?: unknown; details?: unknown };
    const details: Record<string, string> = {};
    if (typeof payload.details === "object" && payload.details !== null) {
      for (const [k, v] of Object.entries(payload.details)) details[k] = String(v);
    }
    return new ApiError(String(payload.code), String(payload.message), payload.hint ? String(payload.hint) : "", details);
  }
  if (typeof reason === "string") {
    return new ApiError("internal", reason);
  }
  return new ApiError("internal", reason instanceof Error ? reason.message : String(reason));
}

