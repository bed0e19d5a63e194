// Waits for a Salesforce login that the Go side runs in the background. The
// Wails dev server (v2.9.2) handles a browser page's bound calls one after
// another, so a bound call that waited for the login page would hold up Sign
// in for me, Cancel and every later call of that page. The Start* calls
// return at once, and the login's end arrives as a window event.
import { ApiError, type SalesforceIdentity } from "./types";
import { toApiError } from "./errorOf";

/** The window event that carries a SalesforceLoginState (app.EventSalesforceLogin). */
export const salesforceLoginEvent = "connections.salesforceLogin";

/** One Salesforce login (app.SalesforceLoginState): "waiting", then "connected" with identity or "failed" with error. */
export interface SalesforceLoginState {
  id: number;
  status: "waiting" | "connected" | "failed" | string;
  identity?: SalesforceIdentity;
  error?: unknown;
}

/** Subscribes handler to a window event and returns the unsubscribe function, as EventsOn does. */
export type Subscribe = (event: string, handler: (state: SalesforceLoginState) => void) => () => void;

/**
 * Starts a login with start and resolves with its identity once the event
 * with the login's id reports the end, or rejects with its error (code
 * "cancelled" after Cancel). It subscribes before starting, because a login
 * that fails at once may report its end before start's result arrives.
 */
export function awaitSalesforceLogin(start: () => Promise<SalesforceLoginState>, subscribe: Subscribe): Promise<SalesforceIdentity> {
  return new Promise<SalesforceIdentity>((resolve, reject) => {
    let loginId = 0;
    // Ends that arrived before start returned the login's id, by id.
    const endedEarly = new Map<number, SalesforceLoginState>();
    let unsubscribe: () => void = () => undefined;

    const finish = (state: SalesforceLoginState) => {
      unsubscribe();
      if (state.status === "connected" && state.identity) {
        resolve(state.identity);
        return;
      }
      reject(state.error ? toApiError(state.error) : new ApiError("internal", `Salesforce login ${state.id} ended with status "${state.status}" and no error`));
    };

    unsubscribe = subscribe(salesforceLoginEvent, (state) => {
      if (state.status === "waiting") return;
      if (loginId === 0) endedEarly.set(state.id, state);
      else if (state.id === loginId) finish(state);
    });

    start().then(
      (state) => {
        loginId = state.id;
        const early = endedEarly.get(loginId);
        if (state.status !== "waiting") finish(state);
        else if (early) finish(early);
      },
      (reason: unknown) => {
        unsubscribe();
        reject(toApiError(reason));
      },
    );
  });
}
