import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { App } from "../../App";
import { ApiProvider } from "../../api/context";
import type { DemoSetupState, DemoSetupStep } from "../../api/types";
import { ConnectionsScreen } from "../../screens/ConnectionsScreen";
import { fakeApi, status, type FakeApi, type FakeOverrides } from "../../test/fakeApi";

const stepIds = ["clarizen1", "clarizen2", "salesforce", "package", "sync"];

/** Returns a setup state whose steps before `at` are done and the step at `at` has stepStatus. */
function setupAt(at: string, stepStatus: string, extra: Partial<DemoSetupState> = {}): DemoSetupState {
  const index = stepIds.indexOf(at);
  const steps: DemoSetupStep[] = stepIds.map((id, i) => ({
    id,
    title: `Step ${id}`,
    status: i < index ? "done" : i === index ? stepStatus : "pending",
    detail: i < index ? `detail of ${id}` : undefined,
  }));
  return { seq: index * 2 + (stepStatus === "running" ? 0 : 1), status: "running", steps, ...extra };
}

const loginPage = {
  url: "http://127.0.0.1:4001/services/oauth2/authorize?client_id=liaison-desktop",
  username: "admin@liaison-demo.example",
  password: "sf-demo-pass",
  opened: false,
  browserError: "open system browser: exit status 4",
};

function renderApp(overrides: FakeOverrides = {}): FakeApi {
  const api = fakeApi(overrides);
  render(
    <ApiProvider api={api}>
      <App />
    </ApiProvider>,
  );
  return api;
}

afterEach(() => {
  window.history.replaceState(null, "", "#/");
});

describe("DemoSetupPanel", () => {
  it("shows nothing outside the demo or before the setup starts", async () => {
    const api = renderApp();
    await screen.findByText("Version 1.2.3");
    expect(api.calls).toContain("demo.setup");
    expect(screen.queryByRole("region", { name: "Demo setup" })).not.toBeInTheDocument();
  });

  it("follows the setup and asks for the Salesforce sign-in with the browser's failure", async () => {
    const user = userEvent.setup();
    const api = renderApp({ demo: { setup: async () => setupAt("clarizen1", "running") } });
    const panel = await screen.findByRole("region", { name: "Demo setup" });
    expect(panel).toHaveTextContent("Setting up the demo workspace");
    expect(panel.querySelector('[data-step="clarizen1"]')).toHaveAttribute("data-status", "running");

    act(() => api.emit("demo.setup", setupAt("salesforce", "waiting", { loginPage })));
    const signIn = within(panel).getByRole("group", { name: "Sign in to the demo Salesforce org" });
    expect(signIn).toHaveTextContent("Sign in to the demo Salesforce org in your browser");
    expect(signIn).toHaveTextContent("Your system browser did not start (open system browser: exit status 4)");
    expect(within(signIn).getByTestId("demo-signin-username")).toHaveTextContent("admin@liaison-demo.example");
    expect(signIn).toHaveTextContent("sf-demo-pass");
    expect(signIn).toHaveTextContent(loginPage.url);
    expect(panel.querySelector('[data-step="clarizen2"]')).toHaveTextContent("detail of clarizen2");

    await user.click(within(signIn).getByRole("button", { name: "Sign in for me" }));
    expect(api.calls).toContain("demo.signInForMe");
  });

  it("drops a state that arrives after a newer one", async () => {
    const api = renderApp({ demo: { setup: async () => setupAt("clarizen1", "running") } });
    const panel = await screen.findByRole("region", { name: "Demo setup" });
    const done: DemoSetupState = { seq: 20, status: "done", steps: stepIds.map((id) => ({ id, title: `Step ${id}`, status: "done" })) };
    act(() => api.emit("demo.setup", done));
    act(() => api.emit("demo.setup", setupAt("sync", "done")));
    expect(panel).toHaveTextContent("The demo workspace is ready");
  });

  it("keeps the browser opener's output under Details", async () => {
    const browserError = "xdg-open: exit status 4\n[4242:ERROR] Running as root without --no-sandbox is not supported";
    renderApp({ demo: { setup: async () => setupAt("salesforce", "waiting", { loginPage: { ...loginPage, browserError } }) } });
    const signIn = await screen.findByRole("group", { name: "Sign in to the demo Salesforce org" });
    const instructions = within(signIn).getByText(/did not start/);
    expect(instructions).toHaveTextContent("Your system browser did not start (xdg-open: exit status 4)");
    expect(instructions).not.toHaveTextContent("Running as root");
    expect(within(signIn).getByText("Details").closest("details")).toHaveTextContent("Running as root without --no-sandbox");
  });

  it("tells the user to open the page when it was only printed", async () => {
    renderApp({ demo: { setup: async () => setupAt("salesforce", "waiting", { loginPage: { ...loginPage, browserError: undefined } }) } });
    const signIn = await screen.findByRole("group", { name: "Sign in to the demo Salesforce org" });
    expect(signIn).toHaveTextContent("Open the login page below in a browser");
    expect(signIn).not.toHaveTextContent("did not start");
  });

  it("shows the error of a failed Sign in for me", async () => {
    const user = userEvent.setup();
    renderApp({
      demo: {
        setup: async () => setupAt("salesforce", "waiting", { loginPage }),
        signInForMe: async () => {
          throw { code: "no_login_waiting", message: "no Salesforce login is waiting", hint: "" };
        },
      },
    });
    await user.click(await screen.findByRole("button", { name: "Sign in for me" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("no Salesforce login is waiting");
  });

  it("offers Try again after a failed step", async () => {
    const user = userEvent.setup();
    const api = renderApp({
      demo: {
        setup: async () => ({ ...setupAt("package", "failed"), status: "failed", error: "install the best-practices package: boom" }),
      },
    });
    const panel = await screen.findByRole("region", { name: "Demo setup" });
    expect(panel).toHaveTextContent("The demo setup stopped");
    expect(panel).toHaveTextContent("install the best-practices package: boom");
    await user.click(within(panel).getByRole("button", { name: "Try again" }));
    expect(api.calls).toContain("demo.retrySetup");
  });

  it("says when the workspace is ready and closes", async () => {
    const user = userEvent.setup();
    const done: DemoSetupState = { seq: 20, status: "done", steps: stepIds.map((id) => ({ id, title: `Step ${id}`, status: "done" })) };
    renderApp({ demo: { setup: async () => done } });
    const panel = await screen.findByRole("region", { name: "Demo setup" });
    expect(panel).toHaveTextContent("The demo workspace is ready");
    await user.click(within(panel).getByRole("button", { name: "Close" }));
    expect(screen.queryByRole("region", { name: "Demo setup" })).not.toBeInTheDocument();
  });

  it("shows the ready workspace in one line with its steps behind Details", async () => {
    const user = userEvent.setup();
    const done: DemoSetupState = { seq: 20, status: "done", steps: stepIds.map((id) => ({ id, title: `Step ${id}`, status: "done" })) };
    renderApp({ demo: { setup: async () => done } });
    const panel = await screen.findByRole("region", { name: "Demo setup" });
    expect(panel).toHaveTextContent("5 of 5 steps done");
    expect(within(panel).queryByRole("list", { name: "Setup steps" })).not.toBeInTheDocument();

    const details = within(panel).getByRole("button", { name: "Details" });
    await user.click(details);
    expect(details).toHaveAttribute("aria-expanded", "true");
    expect(within(panel).getByRole("list", { name: "Setup steps" })).toBeInTheDocument();
  });

  it("closes the ready card once the user leaves its screen", async () => {
    const user = userEvent.setup();
    const done: DemoSetupState = { seq: 20, status: "done", steps: stepIds.map((id) => ({ id, title: `Step ${id}`, status: "done" })) };
    renderApp({ demo: { setup: async () => done } });
    expect(await screen.findByRole("region", { name: "Demo setup" })).toBeInTheDocument();
    const nav = screen.getByRole("navigation", { name: "Screens" });
    await user.click(nav.querySelector('a[href="#/settings"]') as HTMLElement);
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Settings");
    expect(screen.queryByRole("region", { name: "Demo setup" })).not.toBeInTheDocument();
  });

  it("keeps a running setup on every screen", async () => {
    const user = userEvent.setup();
    renderApp({ demo: { setup: async () => setupAt("package", "running") } });
    expect(await screen.findByRole("region", { name: "Demo setup" })).toBeInTheDocument();
    const nav = screen.getByRole("navigation", { name: "Screens" });
    await user.click(nav.querySelector('a[href="#/settings"]') as HTMLElement);
    expect(screen.getByRole("region", { name: "Demo setup" })).toBeInTheDocument();
  });
});

describe("Salesforce card in the demo", () => {
  it("offers the demo sign-in instead of a second login while the setup waits", async () => {
    const api = fakeApi({
      connections: {
        view: async () => ({
          connections: [status("salesforce", "disconnected"), status("clarizen1", "connected"), status("clarizen2", "connected")],
          demo: { salesforce: { username: loginPage.username, password: loginPage.password }, clarizen: [] },
        }),
      },
      demo: { setup: async () => setupAt("salesforce", "waiting", { loginPage }) },
    });
    render(
      <ApiProvider api={api}>
        <ConnectionsScreen />
      </ApiProvider>,
    );
    const sf = document.querySelector<HTMLElement>('[data-connection="salesforce"]')!;
    const signIn = await within(sf).findByRole("group", { name: "Sign in to the demo Salesforce org" });
    expect(within(signIn).getByRole("button", { name: "Sign in for me" })).toBeEnabled();
    expect(within(sf).getByRole("button", { name: "Sign in to Salesforce" })).toBeDisabled();
  });
});
