import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ApiProvider } from "../../api/context";
import type { SchemaGap } from "../../api/types";
import { fakeApi } from "../../test/fakeApi";
import { PackagePanel } from "./PackagePanel";

describe("PackagePanel", () => {
  it("lists what is missing, creates it after consent, checks again, shows the diff and installs", async () => {
    const user = userEvent.setup();
    let missing: SchemaGap[] = [
      { object: "Clarizen_Project__c", objectMissing: true, fields: ["Opportunity__c", "Liaison_Key__c"] },
      { object: "Clarizen_Milestone__c", objectMissing: false, fields: ["Clarizen_Id__c"] },
    ];
    let installed = 0;
    let installedCalls = 0;
    const api = fakeApi({
      package: {
        status: async (instance) => ({ instance, installedVersion: installed, availableVersion: 2, missing }),
        createMissing: async () => {
          missing = [];
          return { created: ["Clarizen_Project__c", "Clarizen_Project__c.Opportunity__c"], remaining: [] };
        },
        plan: async (instance) => ({
          id: "pkg-plan",
          instance,
          fromVersion: 0,
          toVersion: 2,
          empty: false,
          changes: [
            { kind: "mapping", id: "bp-accounts", name: "Account to Customer", action: "add", new: { name: "Account to Customer" } },
            { kind: "event", id: "bp-event", name: "Create a project at 70%", path: "condition", action: "keep", current: "Probability >= 80", new: "Probability >= 70" },
          ],
        }),
        apply: async () => {
          installed = 2;
          return { fromVersion: 0, toVersion: 2, mappings: ["bp-accounts", "bp-projects"], events: ["bp-event"] };
        },
      },
    });
    render(
      <ApiProvider api={api}>
        <PackagePanel onClose={() => undefined} onInstalled={() => (installedCalls += 1)} />
      </ApiProvider>,
    );

    const missingList = await screen.findByRole("region", { name: "Missing in Salesforce" });
    expect(missingList).toHaveTextContent("Custom object Clarizen_Project__c with the fields Opportunity__c, Liaison_Key__c");
    expect(missingList).toHaveTextContent("Fields Clarizen_Id__c on Clarizen_Milestone__c");
    expect(api.calls).not.toContain("package.createMissing");

    await user.click(within(missingList).getByRole("button", { name: "Create them in Salesforce" }));
    const created = await screen.findByRole("region", { name: "Created in Salesforce" });
    expect(created).toHaveTextContent("Clarizen_Project__c.Opportunity__c");
    expect(created).toHaveTextContent("A second check finds nothing missing.");
    expect(api.calls.filter((c) => c === "package.status 1")).toHaveLength(2);

    await user.click(await screen.findByRole("button", { name: "Review what will be installed" }));
    const diff = await screen.findByRole("region", { name: "Package changes" });
    const lines = within(within(diff).getByRole("table", { name: "Changes" })).getAllByRole("row");
    expect(lines[1]).toHaveTextContent("Add");
    expect(lines[2]).toHaveTextContent("Keep yours");
    expect(lines[2]).toHaveTextContent("Probability >= 80");

    await user.click(within(diff).getByRole("button", { name: "Install" }));
    expect(await screen.findByRole("status", { name: "Package installed" })).toHaveTextContent("2 mappings and 1 event written");
    expect(api.calls).toContain("package.apply pkg-plan");
    expect(installedCalls).toBe(1);
  });

  it("shows why the org cannot be checked", async () => {
    const api = fakeApi({
      package: {
        status: async () => {
          throw Object.assign(new Error("get salesforce client: not connected"), { code: "not_connected", message: "not connected", hint: "Connect it on the Connections screen." });
        },
      },
    });
    render(
      <ApiProvider api={api}>
        <PackagePanel onClose={() => undefined} onInstalled={() => undefined} />
      </ApiProvider>,
    );
    expect(await screen.findByRole("alert")).toHaveTextContent("Connect it on the Connections screen.");
  });

  it("lists a new install's definitions by name", async () => {
    const user = userEvent.setup();
    const api = fakeApi({
      package: {
        plan: async (instance) => ({
          id: "pkg-plan",
          instance,
          fromVersion: 0,
          toVersion: 1,
          empty: false,
          changes: [
            { kind: "mapping", id: "bp-accounts", name: "Account to Customer", action: "add", new: { name: "Account to Customer" } },
            { kind: "mapping", id: "bp-projects", name: "Clarizen Project to Project", action: "add", new: {} },
            { kind: "event", id: "bp-event", name: "Create a project at 70%", action: "add", new: {} },
          ],
        }),
      },
    });
    render(
      <ApiProvider api={api}>
        <PackagePanel onClose={() => undefined} onInstalled={() => undefined} />
      </ApiProvider>,
    );
    await user.click(await screen.findByRole("button", { name: "Review what will be installed" }));
    const diff = await screen.findByRole("region", { name: "Package changes" });
    expect(within(diff).queryByRole("table")).not.toBeInTheDocument();
    expect(diff).not.toHaveTextContent("whole definition");
    const mappings = within(diff).getByRole("region", { name: "New mappings" });
    expect(within(mappings).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["Account to Customer", "Clarizen Project to Project"]);
    expect(within(diff).getByRole("region", { name: "New events" })).toHaveTextContent("Create a project at 70%");
  });

  it("names mappings only as the package plan names them", async () => {
    const user = userEvent.setup();
    const api = fakeApi({
      package: {
        plan: async (instance) => ({
          id: "pkg-plan",
          instance,
          fromVersion: 0,
          toVersion: 1,
          empty: false,
          changes: [
            { kind: "mapping", id: "bp-accounts", name: "Accounts as customers", action: "add", new: {} },
            { kind: "event", id: "bp-event", name: "Project at 70%", action: "add", new: {} },
          ],
        }),
      },
    });
    render(
      <ApiProvider api={api}>
        <PackagePanel onClose={() => undefined} onInstalled={() => undefined} />
      </ApiProvider>,
    );
    const dialog = screen.getByRole("dialog", { name: "Best-practices package" });
    expect(dialog).toHaveTextContent("70% or more");
    expect(dialog).not.toHaveTextContent("70 %");
    // No mapping name is written into the dialog itself: "Account → Customer" was one the list never used.
    expect(dialog).not.toHaveTextContent(/[→⇄]/);
    expect(dialog).not.toHaveTextContent("Account to Customer");

    await user.click(await screen.findByRole("button", { name: "Review what will be installed" }));
    const mappings = await screen.findByRole("region", { name: "New mappings" });
    expect(within(mappings).getByRole("listitem")).toHaveTextContent("Accounts as customers");
  });

  it("offers no install review once the package is up to date", async () => {
    const api = fakeApi({ package: { status: async (instance) => ({ instance, installedVersion: 2, availableVersion: 2, missing: [] }) } });
    render(
      <ApiProvider api={api}>
        <PackagePanel onClose={() => undefined} onInstalled={() => undefined} />
      </ApiProvider>,
    );
    expect(await screen.findByTestId("package-version")).toHaveTextContent("Version 2 is installed; this Liaison ships version 2. The package is up to date.");
    expect(screen.queryByRole("button", { name: /Review what/ })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Compare with your changes" })).toBeInTheDocument();
  });

  it("keeps the instance toggle in a sticky bar", async () => {
    render(
      <ApiProvider api={fakeApi()}>
        <PackagePanel onClose={() => undefined} onInstalled={() => undefined} />
      </ApiProvider>,
    );
    const toggle = await screen.findByRole("group", { name: "Clarizen instance of the package" });
    expect(toggle.parentElement).toHaveClass("package-panel__instance");
  });
});
