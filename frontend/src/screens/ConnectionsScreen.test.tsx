import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ApiProvider } from "../api/context";
import { ApiError, type ConnectionsView, type SalesforceIdentity } from "../api/types";
import { fakeApi, status, type FakeApi, type FakeOverrides } from "../test/fakeApi";
import { ConnectionsScreen } from "./ConnectionsScreen";

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

function renderScreen(overrides: FakeOverrides = {}): FakeApi {
  const api = fakeApi(overrides);
  render(
    <ApiProvider api={api}>
      <ConnectionsScreen />
    </ApiProvider>,
  );
  return api;
}

/** Returns a promise and the functions that settle it, to hold a call open. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function card(id: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`[data-connection="${id}"]`);
  if (!el) throw new Error(`no card ${id}`);
  return el;
}

describe("ConnectionsScreen", () => {
  it("shows the identity, budget and last sync of a connected org", async () => {
    const view: ConnectionsView = {
      connections: [
        status("salesforce", "connected", {
          orgId: identity.orgId,
          username: identity.username,
          instanceUrl: identity.instanceUrl,
          isSandbox: true,
          apiMax: 100000,
          apiUsed: 1234,
          apiRemaining: 98766,
          lastSyncedAt: "2026-03-02T09:00:00Z",
        }),
        status("clarizen1", "connected", { dataCenter: "127.0.0.1:4100", username: "ada@clarizen.example", authMethod: "password", orgId: "4100001" }),
        status("clarizen2", "needs_reauth", { stateDetail: "The login was rejected.", authMethod: "apikey", environment: "sandbox" }),
      ],
    };
    renderScreen({ connections: { view: async () => view } });

    const sf = card("salesforce");
    expect(await within(sf).findByTestId("sf-org-id")).toHaveTextContent(identity.orgId);
    expect(within(sf).getByText("Sandbox")).toBeInTheDocument();
    expect(within(sf).getByTestId("sf-api-budget")).toHaveTextContent("98,766 of 100,000 requests left today");
    expect(within(sf).getByRole("button", { name: "Re-authenticate" })).toBeInTheDocument();
    expect(within(card("clarizen1")).getByTestId("clarizen1-data-center")).toHaveTextContent("127.0.0.1:4100");
    const second = card("clarizen2");
    expect(within(second).getByText("Needs re-authentication")).toBeInTheDocument();
    expect(within(second).getByText("The login was rejected.")).toBeInTheDocument();
    expect(screen.queryByText("Connect both systems to start")).not.toBeInTheDocument();
  });

  it("waits for the browser and cancels the login", async () => {
    const user = userEvent.setup();
    const login = deferred<SalesforceIdentity>();
    const api = renderScreen({
      connections: {
        connectSalesforce: () => login.promise,
        cancelLogin: async () => login.reject(new ApiError("cancelled", "the Salesforce login was cancelled")),
      },
    });

    await screen.findByRole("button", { name: /Sign in to Salesforce/ });
    await user.click(within(card("salesforce")).getByRole("button", { name: "Sandbox" }));
    await user.click(screen.getByRole("button", { name: /Sign in to Salesforce/ }));
    const waiting = screen.getByRole("status", { name: "Waiting for the browser" });
    expect(api.calls).toContain('connections.connectSalesforce {"environment":"sandbox"}');
    await user.click(within(waiting).getByRole("button", { name: "Cancel" }));

    await waitFor(() => expect(screen.queryByRole("status", { name: "Waiting for the browser" })).not.toBeInTheDocument());
    expect(api.calls).toContain("connections.cancelLogin");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("signs in through a My Domain URL", async () => {
    const user = userEvent.setup();
    let connected = false;
    const api = renderScreen({
      connections: {
        view: async () => ({ connections: [status("salesforce", connected ? "connected" : "disconnected", { orgId: identity.orgId })] }),
        connectSalesforce: async () => {
          connected = true;
          return identity;
        },
      },
    });
    await user.click(await screen.findByRole("button", { name: "My Domain" }));
    const signIn = screen.getByRole("button", { name: /Sign in to Salesforce/ });
    expect(signIn).toBeDisabled();
    await user.type(screen.getByRole("textbox", { name: "My Domain login URL" }), "https://acme.my.salesforce.com");
    await user.click(signIn);
    expect(await screen.findByTestId("sf-org-id")).toHaveTextContent(identity.orgId);
    expect(api.calls).toContain('connections.connectSalesforce {"environment":"mydomain","myDomainUrl":"https://acme.my.salesforce.com"}');
  });

  it("finishes a login by pasting when the callback port is busy", async () => {
    const user = userEvent.setup();
    const authUrl = "http://127.0.0.1:4001/services/oauth2/authorize?client_id=liaison-desktop&state=s1";
    const api = renderScreen({
      connections: {
        connectSalesforce: async () => {
          throw new ApiError("callback_port_busy", "the login callback port 127.0.0.1:1717 is in use by another program", "Log in, then paste.", { authUrl });
        },
        completePasted: async () => identity,
      },
    });
    await user.click(await screen.findByRole("button", { name: /Sign in to Salesforce/ }));
    const paste = await screen.findByRole("group", { name: "Finish the login by pasting" });
    expect(paste).toHaveTextContent("is in use by another program");

    await user.click(within(paste).getByRole("button", { name: "open it again" }));
    expect(api.calls).toContain(`app.openUrl ${authUrl}`);
    const finish = within(paste).getByRole("button", { name: "Finish login" });
    expect(finish).toBeDisabled();
    await user.type(within(paste).getByRole("textbox", { name: "Address the browser ended on" }), "http://127.0.0.1:1717/oauth/callback?code=abc&state=s1");
    await user.click(finish);

    await waitFor(() => expect(screen.queryByRole("group", { name: "Finish the login by pasting" })).not.toBeInTheDocument());
    expect(api.calls).toContain("connections.completePasted http://127.0.0.1:1717/oauth/callback?code=abc&state=s1");
  });

  it("shows a failed login with its hint", async () => {
    const user = userEvent.setup();
    renderScreen({
      connections: {
        connectSalesforce: async () => {
          throw new ApiError("keychain_unavailable", "no OS keychain is available", "Start and unlock your system keychain.");
        },
      },
    });
    await user.click(await screen.findByRole("button", { name: /Sign in to Salesforce/ }));
    const alert = await within(card("salesforce")).findByRole("alert");
    expect(alert).toHaveTextContent("no OS keychain is available");
    expect(alert).toHaveTextContent("Start and unlock your system keychain.");
  });

  it("connects a Clarizen instance with the demo login or an API key", async () => {
    const user = userEvent.setup();
    const api = renderScreen({
      connections: {
        view: async () => ({
          connections: [status("salesforce", "disconnected"), status("clarizen1", "disconnected"), status("clarizen2", "disconnected")],
          demo: {
            salesforce: { username: "admin@liaison-demo.example", password: "sf-pass" },
            clarizen: [
              { instance: 1, environment: "production", userName: "ada@cz.example", password: "cz-pass", apiKey: "cz-key-1" },
              { instance: 2, environment: "sandbox", userName: "bo@cz.example", password: "cz-pass-2", apiKey: "cz-key-2" },
            ],
          },
        }),
        connectClarizen: async (login) => ({
          connectionId: login.connectionId,
          environment: login.environment,
          authMethod: login.apiKey ? "apikey" : "password",
          serverLocation: "",
          appLocation: "",
          dataCenter: "127.0.0.1:4100",
          organizationId: "1",
          userId: "u",
        }),
      },
    });

    const banner = await screen.findByRole("region", { name: "Demo workspace" });
    expect(banner).toHaveTextContent("admin@liaison-demo.example");
    const first = card("clarizen1");
    await user.click(within(first).getByRole("button", { name: "Fill in the demo login" }));
    await user.click(within(first).getByRole("button", { name: "Connect Clarizen instance 1" }));
    expect(api.calls).toContain(
      'connections.connectClarizen {"connectionId":"clarizen1","environment":"production","userName":"ada@cz.example","password":"cz-pass"}',
    );

    const second = card("clarizen2");
    await user.click(within(second).getByRole("button", { name: "Sandbox" }));
    await user.click(within(second).getByRole("button", { name: "API key" }));
    await user.type(within(second).getByLabelText("API key"), "typed-key");
    await user.click(within(second).getByRole("button", { name: "Connect Clarizen instance 2" }));
    expect(api.calls).toContain('connections.connectClarizen {"connectionId":"clarizen2","environment":"sandbox","apiKey":"typed-key"}');
  });

  it("asks what to do with the links after the org changed", async () => {
    const user = userEvent.setup();
    let pending = true;
    const api = renderScreen({
      connections: {
        view: async () => ({
          connections: [status("salesforce", pending ? "org_changed" : "connected")],
          orgChange: pending ? { previousOrgId: "00DOLD", currentOrgId: "00DNEW", links: 42 } : undefined,
        }),
        resolveOrgChange: async (decision) => {
          pending = false;
          return { decision, kept: 40, dropped: 2 };
        },
      },
    });
    const dialog = await screen.findByRole("dialog", { name: "The Salesforce org changed" });
    expect(dialog).toHaveTextContent("42 existing links");
    expect(dialog).toHaveTextContent("00DNEW");
    await user.click(within(dialog).getByRole("button", { name: "Re-match by key fields" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.calls).toContain("connections.resolveOrgChange rematch");
  });

  it("reloads when a connection changes", async () => {
    let state = "disconnected";
    const api = renderScreen({ connections: { view: async () => ({ connections: [status("salesforce", state)] }) } });
    await screen.findByRole("button", { name: /Sign in to Salesforce/ });
    state = "unreachable";
    act(() => api.emit("connection.changed", {}));
    expect(await within(card("salesforce")).findByText("Unreachable")).toBeInTheDocument();
  });

  it("disconnects Salesforce after confirming", async () => {
    const user = userEvent.setup();
    const api = renderScreen({ connections: { view: async () => ({ connections: [status("salesforce", "connected", { orgId: "00D1" })] }) } });
    await user.click(await within(card("salesforce")).findByRole("button", { name: "Disconnect" }));
    const dialog = screen.getByRole("dialog", { name: "Disconnect Salesforce?" });
    await user.click(within(dialog).getByRole("button", { name: "Disconnect" }));
    expect(api.calls).toContain("connections.disconnect salesforce");
  });

  it("lists what uses a Clarizen instance before disconnecting it", async () => {
    const user = userEvent.setup();
    let state = "connected";
    const api = renderScreen({
      connections: {
        view: async () => ({
          connections: [
            status("salesforce", "connected", { orgId: "00D1" }),
            status("clarizen1", "connected"),
            status("clarizen2", state, { environment: "sandbox", authMethod: "apikey", username: "api@clarizen.example" }),
          ],
        }),
        dependents: async () => [
          { kind: "mapping", id: "m1", name: "Case to Issue", enabled: true },
          { kind: "event", id: "e1", name: "Escalated cases", enabled: true },
          { kind: "event", id: "e2", name: "Old cases", enabled: false },
        ],
        disconnect: async () => {
          state = "disconnected";
        },
      },
    });
    await user.click(await within(card("clarizen2")).findByRole("button", { name: "Disconnect" }));
    const dialog = screen.getByRole("dialog", { name: "Disconnect Clarizen instance 2?" });
    expect(api.calls).not.toContain("connections.disconnect clarizen2");
    expect(await within(dialog).findByTestId("dependents-summary")).toHaveTextContent(
      "2 enabled definitions pause: they do not sync until you connect Clarizen instance 2 again.",
    );
    const mappings = within(dialog).getByRole("list", { name: "Mappings" });
    expect(mappings).toHaveTextContent("Case to Issue");
    expect(mappings).toHaveTextContent("Pauses");
    const events = within(dialog).getByRole("list", { name: "Events" });
    expect(within(events).getAllByRole("listitem")).toHaveLength(2);
    expect(events).toHaveTextContent("Old cases");
    expect(events).toHaveTextContent("Disabled, stays disabled");

    await user.click(within(dialog).getByRole("button", { name: "Disconnect" }));
    expect(api.calls).toContain("connections.disconnect clarizen2");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  });

  it("says a disconnected second instance is disconnected and what it paused", async () => {
    renderScreen({
      connections: {
        view: async () => ({
          connections: [
            status("salesforce", "connected", { orgId: "00D1" }),
            status("clarizen1", "connected"),
            status("clarizen2", "disconnected", { environment: "sandbox", authMethod: "apikey" }),
          ],
        }),
        dependents: async (id) =>
          id === "clarizen2"
            ? [
                { kind: "mapping", id: "m1", name: "Case to Issue", enabled: true },
                { kind: "event", id: "e1", name: "Escalated cases", enabled: true },
                { kind: "event", id: "e2", name: "Old cases", enabled: false },
              ]
            : [],
      },
    });
    const second = card("clarizen2");
    expect(await within(second).findByTestId("clarizen2-paused")).toHaveTextContent(
      "2 definitions are paused until you sign in again: Case to Issue, Escalated cases.",
    );
    expect(second).toHaveTextContent("Not connected");
    expect(second).not.toHaveTextContent("Optional");
    expect(second).not.toHaveTextContent(/add a second instance/i);
  });

  it("calls a never-connected second instance optional", async () => {
    renderScreen({
      connections: {
        view: async () => ({ connections: [status("clarizen1", "connected"), status("clarizen2", "disconnected")] }),
      },
    });
    const second = card("clarizen2");
    expect(await within(second).findByText(/Optional: add a second instance/)).toBeInTheDocument();
    expect(within(second).queryByTestId("clarizen2-paused")).not.toBeInTheDocument();
  });

  it("promises no user name when disconnecting an API-key instance", async () => {
    const user = userEvent.setup();
    renderScreen({
      connections: {
        view: async () => ({
          connections: [status("clarizen1", "connected", { authMethod: "password", username: "ada@clarizen.example" }), status("clarizen2", "connected", { authMethod: "apikey" })],
        }),
      },
    });
    await user.click(await within(card("clarizen2")).findByRole("button", { name: "Disconnect" }));
    const apiKeyDialog = screen.getByRole("dialog", { name: "Disconnect Clarizen instance 2?" });
    expect(apiKeyDialog).toHaveTextContent("needs only the API key");
    expect(apiKeyDialog).not.toHaveTextContent(/user name/);
    await user.click(within(apiKeyDialog).getByRole("button", { name: "Keep connected" }));

    await user.click(within(card("clarizen1")).getByRole("button", { name: "Disconnect" }));
    const passwordDialog = screen.getByRole("dialog", { name: "Disconnect Clarizen instance 1?" });
    expect(passwordDialog).toHaveTextContent("environment, sign-in method and user name");
  });

  it("keeps Clarizen's environment, method and user name after a disconnect", async () => {
    renderScreen({
      connections: {
        view: async () => ({
          connections: [
            status("salesforce", "disconnected", { environment: "sandbox" }),
            status("clarizen1", "disconnected", { environment: "sandbox", authMethod: "password", username: "ada@clarizen.example" }),
            status("clarizen2", "disconnected", { environment: "sandbox", authMethod: "apikey", username: "api@clarizen.example" }),
          ],
        }),
      },
    });
    const first = card("clarizen1");
    await waitFor(() => expect(within(first).getByRole("button", { name: "Sandbox" })).toHaveAttribute("aria-pressed", "true"));
    expect(within(first).getByRole("button", { name: "User name and password" })).toHaveAttribute("aria-pressed", "true");
    expect(within(first).getByLabelText("User name")).toHaveValue("ada@clarizen.example");
    const second = card("clarizen2");
    expect(within(second).getByRole("button", { name: "Sandbox" })).toHaveAttribute("aria-pressed", "true");
    expect(within(second).getByRole("button", { name: "API key" })).toHaveAttribute("aria-pressed", "true");
    expect(within(card("salesforce")).getByRole("button", { name: "Sandbox" })).toHaveAttribute("aria-pressed", "true");
  });

  it("confirms a re-authentication", async () => {
    const user = userEvent.setup();
    renderScreen({
      connections: {
        view: async () => ({ connections: [status("salesforce", "connected", { orgId: identity.orgId })] }),
        reauthenticateSalesforce: async () => identity,
      },
    });
    await user.click(await within(card("salesforce")).findByRole("button", { name: "Re-authenticate" }));
    expect(await within(card("salesforce")).findByRole("status")).toHaveTextContent(
      `Signed in again as ${identity.username} to org ${identity.orgId}.`,
    );
  });

  it("confirms Check connections with each state", async () => {
    const user = userEvent.setup();
    renderScreen({
      connections: {
        check: async () => ({ connections: [status("salesforce", "connected"), status("clarizen1", "unreachable")] }),
      },
    });
    await user.click(await screen.findByRole("button", { name: "Check connections" }));
    const note = await screen.findByText(/^Checked at/);
    expect(note).toHaveTextContent("Salesforce connected, Clarizen instance 1 unreachable.");
  });

  it("starts Sign in again from the instance's environment and method", async () => {
    const user = userEvent.setup();
    renderScreen({
      connections: {
        view: async () => ({
          connections: [
            status("salesforce", "connected", { orgId: "00D1" }),
            status("clarizen1", "connected"),
            status("clarizen2", "connected", { environment: "sandbox", authMethod: "apikey", username: "api@clarizen.example" }),
          ],
        }),
      },
    });
    const second = card("clarizen2");
    await user.click(await within(second).findByRole("button", { name: "Sign in again" }));
    expect(within(second).getByRole("button", { name: "Sandbox" })).toHaveAttribute("aria-pressed", "true");
    expect(within(second).getByRole("button", { name: "API key" })).toHaveAttribute("aria-pressed", "true");
  });
});
