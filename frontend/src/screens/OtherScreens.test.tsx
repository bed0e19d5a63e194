import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiProvider } from "../api/context";
import { ApiError, type RegistryRow } from "../api/types";
import { fakeApi, type FakeApi } from "../test/fakeApi";
import { PreviewScreen } from "./PreviewScreen";
import { RegistryScreen } from "./RegistryScreen";
import { SettingsScreen } from "./SettingsScreen";

function renderWith(api: FakeApi, ui: React.ReactElement) {
  render(<ApiProvider api={api}>{ui}</ApiProvider>);
}

const row = (id: string, state: RegistryRow["state"]): RegistryRow => ({
  id,
  time: "2026-03-02T09:00:00Z",
  state,
  operation: "create",
  mappingId: "m1",
  mapping: "Account → Customer",
  side: "clarizen",
  object: "Customer",
  recordId: `/Customer/${id}`,
  recordName: `Customer ${id}`,
  error: state === "Failed" ? "Name is required" : undefined,
});

describe("RegistryScreen", () => {
  // jsdom has no layout; give the registry's scroll area a viewport so the
  // virtualiser renders rows.
  let restore: PropertyDescriptor | undefined;
  beforeAll(() => {
    restore = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "clientHeight");
    Object.defineProperty(HTMLElement.prototype, "clientHeight", {
      configurable: true,
      get(this: HTMLElement) {
        return this.dataset.testid === "registry-scroll" ? 600 : 0;
      },
    });
  });
  afterAll(() => {
    if (restore) Object.defineProperty(HTMLElement.prototype, "clientHeight", restore);
  });

  it("loads the rows, shows a row's detail with its hint and retries failed rows", async () => {
    const user = userEvent.setup();
    const api = fakeApi({
      registry: {
        rows: async () => ({ rows: [row("1", "Success"), row("2", "Failed")], total: 2 }),
        row: async (id) => ({ row: row(id, "Failed"), fields: [{ field: "Name", before: null, after: "" }], hint: "Give the account a name.", createdAt: "" }),
        retry: async () => 1,
      },
    });
    renderWith(api, <RegistryScreen />);
    await user.click(await screen.findByText("Customer 2"));
    const detail = screen.getByRole("complementary", { name: "Registry row detail" });
    expect(await within(detail).findByText("Give the account a name.")).toBeInTheDocument();
    await user.click(within(detail).getByRole("button", { name: "Retry this record" }));
    expect(await screen.findByRole("status")).toHaveTextContent("1 row is Pending again");
    expect(api.calls).toContain('registry.retry ["2"]');
  });

  it("exports the filtered rows with the mapping's id", async () => {
    const user = userEvent.setup();
    const api = fakeApi({
      registry: { rows: async () => ({ rows: [row("1", "Failed")], total: 1 }), exportCsv: async () => ({ path: "/tmp/r.csv", rows: 1 }) },
    });
    renderWith(api, <RegistryScreen initialFilter={{ states: ["Failed"], mapping: "Account → Customer", object: "", from: "", to: "", text: "" }} />);
    await user.click(await screen.findByRole("button", { name: "Export CSV" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Exported 1 row to /tmp/r.csv.");
    expect(api.calls).toContain('registry.exportCsv {"states":["Failed"],"mappingId":"m1","object":"","from":"","to":"","text":"","limit":0}');
  });
});

describe("RegistryScreen toolbar", () => {
  let restore: PropertyDescriptor | undefined;
  beforeAll(() => {
    restore = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "clientHeight");
    Object.defineProperty(HTMLElement.prototype, "clientHeight", {
      configurable: true,
      get(this: HTMLElement) {
        return this.dataset.testid === "registry-scroll" ? 600 : 0;
      },
    });
  });
  afterAll(() => {
    if (restore) Object.defineProperty(HTMLElement.prototype, "clientHeight", restore);
  });

  it("syncs now and names the row's event", async () => {
    const user = userEvent.setup();
    const api = fakeApi({
      registry: {
        rows: async () => ({ rows: [{ ...row("1", "Failed"), eventId: "e-9" }], total: 1 }),
        row: async (id) => ({ row: row(id, "Failed"), fields: [], createdAt: "" }),
      },
      definitions: {
        list: async () => [
          {
            kind: "event",
            id: "e-9",
            name: "Escalated cases",
            description: "",
            clarizenInstance: 2,
            salesforceObject: "Case",
            clarizenEntity: "Issue",
            enabled: true,
            lastResult: "",
            updatedAt: "",
          },
        ],
      },
    });
    renderWith(api, <RegistryScreen />);
    await user.click(await screen.findByText("Customer 1"));
    const detail = screen.getByRole("complementary", { name: "Registry row detail" });
    await waitFor(() => expect(within(detail).getByTestId("detail-event")).toHaveTextContent("Escalated cases"));

    await user.click(screen.getByRole("button", { name: "Sync now" }));
    expect(await screen.findByRole("status")).toHaveTextContent("The sync of every enabled mapping started");
    expect(api.calls).toContain("runs.syncNow []");
    act(() => api.emit("run.finished", { runId: 3 }));
    expect(screen.queryByText(/The sync of every enabled mapping started/)).not.toBeInTheDocument();
  });
});

describe("PreviewScreen", () => {
  it("picks a linked project and opens it in Clarizen", async () => {
    const user = userEvent.setup();
    const api = fakeApi({
      projects: {
        linked: async () => [
          { mappingId: "m", mapping: "P", connection: "clarizen1", projectId: "/Project/a", name: "Alpha", salesforceObject: "Clarizen_Project__c", salesforceId: "a01" },
          { mappingId: "m", mapping: "P", connection: "clarizen1", projectId: "/Project/b", name: "Beta", salesforceObject: "Clarizen_Project__c", salesforceId: "a02" },
        ],
        plan: async (_c, projectId) => ({
          projectId,
          name: projectId === "/Project/a" ? "Alpha" : "Beta",
          clarizenUrl: `http://127.0.0.1:4100${projectId}`,
          items: [{ id: projectId, name: "Root", kind: "project", start: "2026-03-02", end: "2026-03-20", progress: 10, dependencies: [] }],
        }),
      },
    });
    renderWith(api, <PreviewScreen />);
    expect(await screen.findByRole("region", { name: "Project preview of Alpha" })).toBeInTheDocument();
    await user.selectOptions(screen.getByRole("combobox", { name: "Linked project" }), "clarizen1|/Project/b");
    expect(await screen.findByRole("region", { name: "Project preview of Beta" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "View in Clarizen" }));
    expect(api.calls).toContain("app.openUrl http://127.0.0.1:4100/Project/b");
  });

  it("finds a project by name and hides sub-projects on request", async () => {
    const user = userEvent.setup();
    const linked = (id: string, name: string, parentId?: string) => ({
      mappingId: "m",
      mapping: "P",
      connection: "clarizen1",
      projectId: `/Project/${id}`,
      name,
      salesforceObject: "Opportunity",
      salesforceId: `006${id}`,
      parentId,
    });
    const api = fakeApi({
      projects: {
        linked: async () => [linked("a", "Fatz 2"), linked("b", "Fatz 2 - Pilot", "/Project/a"), linked("c", "Fatz 2 - Pilot"), linked("d", "Zeta")],
        plan: async (_c, projectId) => ({ projectId, name: projectId, items: [] }),
      },
    });
    renderWith(api, <PreviewScreen />);
    const picker = await screen.findByRole("combobox", { name: "Linked project" });
    const texts = () => within(picker).queryAllByRole("option").map((o) => o.textContent ?? "");
    expect(texts()).toEqual([
      "Fatz 2 · Clarizen 1",
      "\u00a0\u00a0\u00a0\u00a0↳ Fatz 2 - Pilot (Opportunity 006b) · Clarizen 1",
      "Fatz 2 - Pilot (Opportunity 006c) · Clarizen 1",
      "Zeta · Clarizen 1",
    ]);

    await user.type(screen.getByRole("searchbox", { name: "Find a project" }), "zet");
    // The chosen project no longer matches, so the first match takes its place in the picker and the chart.
    expect(texts()).toEqual(["Zeta · Clarizen 1"]);
    expect(picker).toHaveValue("clarizen1|/Project/d");
    expect(screen.getByTestId("project-count")).toHaveTextContent("1 of 4 linked projects");
    await waitFor(() => expect(api.calls).toContain("projects.plan clarizen1 /Project/d Opportunity 006d"));
    expect(await screen.findByRole("region", { name: "Project preview of /Project/d" })).toBeInTheDocument();

    await user.type(screen.getByRole("searchbox", { name: "Find a project" }), "xyz");
    expect(texts()).toEqual([]);
    expect(screen.getByText("No linked project matches")).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: /^Project preview of/ })).not.toBeInTheDocument();

    await user.clear(screen.getByRole("searchbox", { name: "Find a project" }));
    await user.click(screen.getByRole("checkbox", { name: "Show sub-projects" }));
    expect(texts()).toHaveLength(3);
    expect(texts().some((t) => t.includes("↳"))).toBe(false);
  });
});

describe("SettingsScreen", () => {
  it("shows the engine's rejection next to the setting", async () => {
    const user = userEvent.setup();
    const api = fakeApi({
      settings: {
        save: async () => {
          throw new ApiError("invalid_input", "invalid social sync interval 3 minutes: use 5 to 1440");
        },
      },
    });
    renderWith(api, <SettingsScreen />);
    const reserve = await screen.findByLabelText("API budget reserve (%)");
    await user.clear(reserve);
    await user.type(reserve, "20");
    await user.click(screen.getByRole("button", { name: "Save settings" }));
    await waitFor(() => expect(screen.getByLabelText("Social sync interval (minutes)")).toHaveAccessibleDescription(/use 5 to 1440/));
  });

  it("drops the saved message when a field changes", async () => {
    const user = userEvent.setup();
    renderWith(fakeApi(), <SettingsScreen />);
    const reserve = await screen.findByLabelText("API budget reserve (%)");
    await user.clear(reserve);
    await user.type(reserve, "20");
    await user.click(screen.getByRole("button", { name: "Save settings" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Settings saved");

    await user.selectOptions(screen.getByLabelText("Log level"), "debug");
    expect(screen.queryByText(/Settings saved/)).not.toBeInTheDocument();
  });

  it("drops the saved message when the form rejects a value", async () => {
    const user = userEvent.setup();
    const api = fakeApi();
    renderWith(api, <SettingsScreen />);
    await user.selectOptions(await screen.findByLabelText("Log level"), "debug");
    await user.click(screen.getByRole("button", { name: "Save settings" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Settings saved");

    // The saved form is re-created from the reloaded settings. Break a value and save again.
    const reserve = await screen.findByLabelText("API budget reserve (%)");
    await user.clear(reserve);
    await user.type(reserve, "150");
    await user.click(screen.getByRole("button", { name: "Save settings" }));
    expect(reserve).toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByText(/Settings saved/)).not.toBeInTheDocument();
    expect(api.calls.filter((c) => c.startsWith("settings.save"))).toHaveLength(1);
  });

  it("saves the Salesforce consumer key", async () => {
    const user = userEvent.setup();
    const api = fakeApi();
    renderWith(api, <SettingsScreen />);
    const key = await screen.findByLabelText("Salesforce connected app consumer key");
    expect(key).toHaveValue("liaison-desktop");
    expect(key).toHaveAccessibleDescription(/callback URL http:\/\/127\.0\.0\.1:1717\/oauth\/callback/);
    await user.clear(key);
    await user.type(key, " 3MVG9abc.XYZ ");
    await user.click(screen.getByRole("button", { name: "Save settings" }));
    await screen.findByRole("status");
    const saved = api.calls.find((c) => c.startsWith("settings.save"));
    expect(saved).toContain('"clientId":"3MVG9abc.XYZ"');
  });
});
