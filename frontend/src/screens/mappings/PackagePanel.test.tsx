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
            { kind: "mapping", id: "bp-accounts", name: "Account → Customer", action: "add", new: { name: "Account → Customer" } },
            { kind: "event", id: "bp-event", name: "Create a project at 70 %", path: "condition", action: "keep", current: "Probability >= 80", new: "Probability >= 70" },
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

    await user.click(await screen.findByRole("button", { name: "Review what is installed" }));
    const diff = await screen.findByRole("region", { name: "Package changes" });
    const lines = within(within(diff).getByRole("table", { name: "Changes" })).getAllByRole("row");
    expect(lines[1]).toHaveTextContent("Add");
    expect(lines[2]).toHaveTextContent("Keep yours");
    expect(lines[2]).toHaveTextContent("Probability >= 80");

    await user.click(within(diff).getByRole("button", { name: "Install" }));
    expect(await screen.findByRole("status", { name: "Package installed" })).toHaveTextContent("2 mappings and 1 events written");
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
});
