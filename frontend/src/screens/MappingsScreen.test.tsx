import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ApiProvider } from "../api/context";
import { ApiError, type DefinitionRow, type Plan } from "../api/types";
import { fakeApi, status, type FakeApi, type FakeOverrides } from "../test/fakeApi";
import { MappingsScreen } from "./MappingsScreen";

const rows: DefinitionRow[] = [
  {
    kind: "mapping",
    id: "m-accounts",
    name: "Account → Customer",
    description: "",
    clarizenInstance: 1,
    salesforceObject: "Account",
    clarizenEntity: "Customer",
    enabled: false,
    state: "ok",
    lastResult: "",
    updatedAt: "",
  },
  {
    kind: "mapping",
    id: "m-projects",
    name: "Project ⇄ Clarizen Project",
    description: "",
    clarizenInstance: 1,
    salesforceObject: "Clarizen_Project__c",
    clarizenEntity: "Project",
    enabled: true,
    state: "needs_reauth",
    lastResult: "2026-03-02T09:00:00Z: 3 created, 0 updated, 0 deleted, 0 failed",
    updatedAt: "",
  },
  {
    kind: "event",
    id: "e-70",
    name: "Create a project at 70 %",
    description: "",
    clarizenInstance: 1,
    salesforceObject: "Opportunity",
    clarizenEntity: "Project",
    triggeredBy: "salesforce",
    enabled: false,
    lastResult: "",
    updatedAt: "",
  },
];

function renderScreen(overrides: FakeOverrides = {}): FakeApi {
  const api = fakeApi({ ...overrides, definitions: { list: async () => rows, ...overrides.definitions } });
  render(
    <ApiProvider api={api}>
      <MappingsScreen onGoToConnections={() => undefined} />
    </ApiProvider>,
  );
  return api;
}

async function select(user: ReturnType<typeof userEvent.setup>, name: string) {
  await user.click(await screen.findByRole("checkbox", { name: `Select ${name}` }));
}

describe("MappingsScreen", () => {
  it("lists mappings and events with objects, instance, state and last result", async () => {
    renderScreen();
    const table = await screen.findByRole("table", { name: "Mappings and events" });
    await within(table).findByRole("checkbox", { name: "Select Account → Customer" });
    const lines = within(table).getAllByRole("row").slice(1);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toHaveTextContent("Account ⇄ Customer");
    expect(lines[0]).toHaveTextContent("Disabled");
    expect(lines[1]).toHaveTextContent("Paused");
    expect(lines[1]).toHaveTextContent("3 created");
    expect(lines[2]).toHaveTextContent("Event");
    expect(lines[2]).toHaveTextContent("Opportunity → Project");
  });

  it("refuses to enable a mapping with problems and lists them", async () => {
    const user = userEvent.setup();
    renderScreen({
      definitions: {
        enableMapping: async () => ({
          enabled: false,
          matching: 0,
          fireExisting: false,
          problems: [{ code: "missing_key_field", severity: "error", message: "the Salesforce key field is not set.", fix: "Pick the field that identifies a record." }],
        }),
      },
    });
    await select(user, "Account → Customer");
    await user.click(screen.getByRole("button", { name: "Enable" }));
    const dialog = await screen.findByRole("dialog", { name: "Fix these problems before enabling" });
    expect(within(dialog).getByRole("list", { name: "Problems of Account → Customer" })).toHaveTextContent("key field is not set");
    expect(within(dialog).getByRole("button", { name: "Open in the editor" })).toBeInTheDocument();
  });

  it("shows the count of matching records before enabling an event", async () => {
    const user = userEvent.setup();
    const api = renderScreen({ definitions: { countMatching: async () => 7, enableEvent: async (_id, fire) => ({ enabled: true, problems: [], matching: 7, fireExisting: fire }) } });
    await select(user, "Create a project at 70 %");
    await user.click(screen.getByRole("button", { name: "Enable" }));
    const dialog = await screen.findByRole("dialog", { name: "Enable “Create a project at 70 %”" });
    expect(await within(dialog).findByTestId("matching-count")).toHaveTextContent("7 Opportunity records match");
    await user.click(within(dialog).getByRole("button", { name: "Fire for 7 records" }));
    await waitFor(() => expect(api.calls).toContain("definitions.enableEvent e-70 true"));
    expect(await screen.findByRole("status")).toHaveTextContent("The 7 records that match now fire on the next sync");
  });

  it("enables an event for new matches only", async () => {
    const user = userEvent.setup();
    const api = renderScreen({ definitions: { countMatching: async () => 2 } });
    await select(user, "Create a project at 70 %");
    await user.click(screen.getByRole("button", { name: "Enable" }));
    await user.click(await screen.findByRole("button", { name: "Only new matches" }));
    await waitFor(() => expect(api.calls).toContain("definitions.enableEvent e-70 false"));
  });

  it("syncs the selected mappings now", async () => {
    const user = userEvent.setup();
    const api = renderScreen();
    await select(user, "Account → Customer");
    await select(user, "Create a project at 70 %");
    await user.click(screen.getByRole("button", { name: "Sync ▾" }));
    await user.click(screen.getByRole("menuitem", { name: "Sync Now" }));
    await waitFor(() => expect(api.calls).toContain('runs.syncNow ["m-accounts"]'));
  });

  it("previews, then applies the plan shown", async () => {
    const user = userEvent.setup();
    const plan: Plan = {
      id: "plan-9",
      createdAt: "",
      apiCalls: { salesforce: 2, clarizen1: 3 },
      reads: {},
      mappings: [],
      warnings: [],
      paused: [],
      operations: [
        {
          id: 0,
          kind: "create",
          side: "clarizen",
          connection: "clarizen1",
          object: "Customer",
          recordName: "Edge Communications",
          mapping: "Account → Customer",
          reason: "The account has no customer yet.",
          fields: [{ field: "Name", before: null, after: "Edge Communications" }],
          warnings: [],
        },
      ],
    };
    const api = renderScreen({
      runs: {
        preview: async () => plan,
        apply: async () => ({ replanned: false, summary: { runId: 4, dryRun: false, status: "succeeded", startedAt: "", finishedAt: "", mappings: [], apiCalls: {}, pending: 0, warnings: [] } }),
      },
    });
    await screen.findByRole("table", { name: "Mappings and events" });
    await user.click(screen.getByRole("button", { name: "Sync ▾" }));
    await user.click(screen.getByRole("menuitem", { name: "Preview…" }));
    const dialog = await screen.findByRole("dialog", { name: "Preview of the sync" });
    expect(within(dialog).getByTestId("api-calls")).toHaveTextContent("about 2 Salesforce API calls and 3 Clarizen API calls");
    await user.click(within(dialog).getByRole("button", { name: /^Apply 1 operations?$/ }));
    expect(await within(dialog).findByRole("status", { name: "Applied" })).toHaveTextContent("The run applied the plan shown. Run 4 succeeded.");
    expect(api.calls).toContain("runs.apply plan-9");
  });

  it("deletes after confirming and reports a mapping in use", async () => {
    const user = userEvent.setup();
    renderScreen({
      definitions: {
        remove: async () => {
          throw new ApiError("in_use", 'delete mapping m-projects: event "Create a project at 70 %" refer to it', "Change or delete the definitions that refer to it first.");
        },
      },
    });
    await select(user, "Project ⇄ Clarizen Project");
    await user.click(screen.getByRole("button", { name: "Delete" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Delete" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("refer to it");
    expect(alert).toHaveTextContent("Change or delete the definitions that refer to it first.");
  });

  it("offers to replace definitions when an import conflicts", async () => {
    const user = userEvent.setup();
    const api = renderScreen({
      definitions: {
        importFile: async (replace) => {
          if (!replace) throw new ApiError("import_conflict", 'mapping "Account → Customer": id m-accounts is already saved');
          return { path: "/tmp/defs.json", mappings: 2, events: 1 };
        },
      },
    });
    await screen.findByRole("table", { name: "Mappings and events" });
    await user.click(screen.getByRole("button", { name: "Import" }));
    const dialog = await screen.findByRole("dialog", { name: "The file holds definitions you already have" });
    await user.click(within(dialog).getByRole("button", { name: /replace them/ }));
    expect(await screen.findByRole("status")).toHaveTextContent("Imported 2 mappings and 1 event, disabled, from /tmp/defs.json.");
    expect(api.calls).toContain("definitions.importFile true");
  });

  it("saves the sync schedule", async () => {
    const user = userEvent.setup();
    const api = renderScreen({ runs: { schedule: async () => ({ dailyTimes: ["06:30"], paused: false, nextDaily: "2026-03-03T06:30:00Z", running: "" }) } });
    await screen.findByRole("table", { name: "Mappings and events" });
    await user.click(screen.getByRole("button", { name: "Sync ▾" }));
    await user.click(screen.getByRole("menuitem", { name: "Sync Schedule…" }));
    const dialog = await screen.findByRole("dialog", { name: "Sync schedule" });
    expect(await within(dialog).findByTestId("schedule-state")).toHaveTextContent("Next scheduled sync");
    await user.type(within(dialog).getByLabelText("Second daily sync"), "18:00");
    await user.click(within(dialog).getByRole("button", { name: "Save schedule" }));
    await waitFor(() => expect(api.calls).toContain('runs.saveSchedule ["06:30","18:00"]'));
  });

  describe("with connections", () => {
    const connected = (overrides: Record<string, string> = {}) => ({
      connections: ["salesforce", "clarizen1", "clarizen2"].map((id) => status(id, overrides[id] ?? "connected")),
    });
    const onInstance2: DefinitionRow[] = [
      { ...rows[0]!, id: "m-cases", name: "Case to Issue", clarizenInstance: 2, enabled: true, state: "needs_reauth" },
      { ...rows[2]!, id: "e-cases", name: "Escalated cases", clarizenInstance: 2, enabled: true },
      { ...rows[2]!, id: "e-off", name: "Disabled event", clarizenInstance: 2, enabled: false },
      { ...rows[0]!, id: "m-one", name: "On instance 1", clarizenInstance: 1, enabled: true },
    ];

    it("shows Paused with the reason in words for mappings and events", async () => {
      renderScreen({
        connections: { view: async () => connected({ clarizen2: "disconnected" }) },
        definitions: { list: async () => onInstance2 },
      });
      const table = await screen.findByRole("table", { name: "Mappings and events" });
      // The table shows while the list loads, so wait for its rows.
      await within(table).findByRole("checkbox", { name: "Select Case to Issue" });
      const line = (name: string) => within(table).getByRole("checkbox", { name: `Select ${name}` }).closest("tr") as HTMLElement;

      const mappingBadge = await within(line("Case to Issue")).findByText("Paused");
      expect(mappingBadge).toHaveAccessibleDescription(/Clarizen instance 2 is disconnected/);
      expect(line("Case to Issue")).toHaveTextContent("syncs again once you reconnect on the Connections screen");
      expect(within(line("Escalated cases")).getByText("Paused")).toHaveAccessibleDescription(/Clarizen instance 2 is disconnected/);
      expect(within(line("Disabled event")).queryByText("Paused")).not.toBeInTheDocument();
      expect(within(line("On instance 1")).queryByText("Paused")).not.toBeInTheDocument();
    });

    it("shows the last result's time in the user's locale", async () => {
      renderScreen();
      const table = await screen.findByRole("table", { name: "Mappings and events" });
      const row = (await within(table).findByRole("checkbox", { name: "Select Project ⇄ Clarizen Project" })).closest("tr") as HTMLElement;
      expect(row).not.toHaveTextContent("2026-03-02T09:00:00Z");
      expect(row.querySelector("time")).toHaveAttribute("dateTime", "2026-03-02T09:00:00Z");
      expect(row).toHaveTextContent(/: 3 created, 0 updated, 0 deleted, 0 failed/);
    });

    it("shows object labels with the API names below", async () => {
      renderScreen({
        connections: { view: async () => connected() },
        schema: {
          salesforceObjects: async () => [
            { name: "Clarizen_Project__c", label: "Clarizen Project", custom: true },
            { name: "Account", label: "Account", custom: false },
          ],
        },
      });
      const table = await screen.findByRole("table", { name: "Mappings and events" });
      const row = (await within(table).findByRole("checkbox", { name: "Select Project ⇄ Clarizen Project" })).closest("tr") as HTMLElement;
      const cell = await within(row).findByText("Clarizen Project ⇄ Project");
      expect(cell.closest("td")).toHaveTextContent("Clarizen_Project__c ⇄ Project");
      const accounts = within(table).getByRole("checkbox", { name: "Select Account → Customer" }).closest("tr") as HTMLElement;
      expect(within(accounts).getAllByText(/Account ⇄ Customer/)).toHaveLength(1);
    });

    it("loads the labels again once for an object the org did not have", async () => {
      let installed = false;
      const api = renderScreen({
        connections: { view: async () => connected() },
        schema: {
          salesforceObjects: async () => {
            const objects = [{ name: "Account", label: "Account", custom: false }];
            if (installed) objects.push({ name: "Clarizen_Project__c", label: "Clarizen Project", custom: true });
            return objects;
          },
        },
        definitions: {
          list: async () => (installed ? [rows[1]!, { ...rows[0]!, salesforceObject: "Missing__c", id: "m-missing", name: "Missing object" }] : []),
        },
      });
      await screen.findByRole("button", { name: "Add a mapping" });
      await waitFor(() => expect(api.calls.filter((c) => c === "schema.salesforceObjects")).toHaveLength(1));

      // The package creates the custom object and its mapping.
      installed = true;
      act(() => api.emit("config.changed", {}));
      expect(await screen.findByText("Clarizen Project ⇄ Project")).toBeInTheDocument();
      expect(screen.getByText("Missing__c ⇄ Customer")).toBeInTheDocument();
      expect(api.calls.filter((c) => c === "schema.salesforceObjects")).toHaveLength(2);
    });

    it("reloads the list when a run finishes", async () => {
      const user = userEvent.setup();
      let result = "";
      const api = renderScreen({
        definitions: { list: async () => rows.map((r) => (r.id === "m-accounts" ? { ...r, lastResult: result } : r)) },
      });
      await select(user, "Account → Customer");
      await user.click(screen.getByRole("button", { name: "Sync ▾" }));
      await user.click(screen.getByRole("menuitem", { name: "Sync Now" }));
      expect(await screen.findByText(/The sync started/)).toBeInTheDocument();

      result = "2026-03-02T10:00:00Z: 5 created, 0 updated, 0 deleted, 0 failed";
      api.emit("run.finished", { runId: 2 });
      expect(await screen.findByText(/5 created/)).toBeInTheDocument();
      expect(screen.queryByText(/The sync started/)).not.toBeInTheDocument();
    });

    it("offers Add a mapping on an empty list once both sides are connected", async () => {
      const user = userEvent.setup();
      renderScreen({ connections: { view: async () => connected({ clarizen2: "disconnected" }) }, definitions: { list: async () => [] } });
      expect(await screen.findByRole("button", { name: "Add a mapping" })).toBeInTheDocument();
      expect(screen.queryByRole("button", { name: "Go to Connections" })).not.toBeInTheDocument();
      expect(screen.queryByText(/Connect Salesforce and a Clarizen instance/)).not.toBeInTheDocument();
      await user.click(screen.getByRole("button", { name: "Install the best-practices package" }));
      expect(await screen.findByRole("dialog")).toBeInTheDocument();
    });

    it("sends the user to Connections on an empty list while Salesforce is disconnected", async () => {
      renderScreen({ connections: { view: async () => connected({ salesforce: "disconnected" }) }, definitions: { list: async () => [] } });
      expect(await screen.findByRole("button", { name: "Go to Connections" })).toBeInTheDocument();
      expect(screen.getByText(/Connect Salesforce and a Clarizen instance/)).toBeInTheDocument();
      expect(screen.queryByRole("button", { name: "Add a mapping" })).not.toBeInTheDocument();
    });
  });
});
