import { describe, expect, it } from "vitest";
import { awaitSalesforceLogin, salesforceLoginEvent, type SalesforceLoginState, type Subscribe } from "./salesforceLogin";
import { ApiError, type SalesforceIdentity } from "./types";

const identity: SalesforceIdentity = {
  environment: "production",
  loginUrl: "http://127.0.0.1:4001",
  instanceUrl: "http://127.0.0.1:4000",
  orgId: "00D000000000001AAA",
  orgName: "Demo",
  isSandbox: false,
  userId: "005000000000001AAA",
  username: "admin@liaison-demo.example",
  displayName: "Admin",
  email: "admin@liaison-demo.example",
};

/** Returns a window event bus with the subscriber count, and the emit function. */
function bus() {
  const handlers = new Set<(state: SalesforceLoginState) => void>();
  const subscribe: Subscribe = (event, handler) => {
    expect(event).toBe(salesforceLoginEvent);
    handlers.add(handler);
    return () => handlers.delete(handler);
  };
  const emit = (state: SalesforceLoginState) => [...handlers].forEach((h) => h(state));
  return { subscribe, emit, listeners: () => handlers.size };
}

describe("awaitSalesforceLogin", () => {
  it("resolves with the identity of its own login only", async () => {
    const events = bus();
    const login = awaitSalesforceLogin(async () => ({ id: 7, status: "waiting" }), events.subscribe);
    await Promise.resolve();
    events.emit({ id: 7, status: "waiting" });
    events.emit({ id: 6, status: "failed", error: { code: "cancelled", message: "an older login" } });
    events.emit({ id: 7, status: "connected", identity });
    await expect(login).resolves.toEqual(identity);
    expect(events.listeners()).toBe(0);
  });

  it("rejects with the login's error, such as a cancel", async () => {
    const events = bus();
    const login = awaitSalesforceLogin(async () => ({ id: 3, status: "waiting" }), events.subscribe);
    await Promise.resolve();
    events.emit({ id: 3, status: "failed", error: { code: "cancelled", message: "salesforce login cancelled" } });
    const err = await login.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe("cancelled");
    expect(events.listeners()).toBe(0);
  });

  it("keeps an end that arrives before start returns", async () => {
    const events = bus();
    let answer: (state: SalesforceLoginState) => void = () => undefined;
    const login = awaitSalesforceLogin(() => new Promise((r) => (answer = r)), events.subscribe);
    events.emit({ id: 4, status: "failed", error: { code: "callback_port_busy", message: "port 1717 is busy", details: { authUrl: "http://127.0.0.1:4001/authorize" } } });
    answer({ id: 4, status: "waiting" });
    const err = (await login.catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe("callback_port_busy");
    expect(err.details.authUrl).toBe("http://127.0.0.1:4001/authorize");
  });

  it("rejects and unsubscribes when start is rejected", async () => {
    const events = bus();
    const login = awaitSalesforceLogin(() => Promise.reject({ code: "not_connected", message: "no engine" }), events.subscribe);
    const err = (await login.catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe("not_connected");
    expect(events.listeners()).toBe(0);
  });
});
