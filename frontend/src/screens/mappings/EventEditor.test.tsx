import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ApiProvider } from "../../api/context";
import { ApiError, type DefinitionRow, type LiaisonEvent, type ObjectInfo } from "../../api/types";
import { operators, opportunity } from "../../test/fixtures/objects";
import { fakeApi, type FakeApi } from "../../test/fakeApi";
import { EventEditor } from "./EventEditor";

const clarizenProject: ObjectInfo = {
  name: "Clarizen_Project__c",
  label: "Clarizen Project",
  custom: true,
  fields: [
    { name: "Name", label: "Name", kind: "string", nativeType: "string", createable: true, updateable: true, required: true },
    { name: "Opportunity__c", label: "Opportunity", kind: "reference", nativeType: "reference", createable: true, updateable: true, required: false },
  ],
};

const mappings: DefinitionRow[] = [
  {
    kind: "mapping",
    id: "m-projects",
    name: "Clarizen Project ⇄ Project",
    description: "",
    clarizenInstance: 1,
    salesforceObject: "Clarizen_Project__c",
    clarizenEntity: "Project",
    enabled: true,
    lastResult: "",
    updatedAt: "",
  },
];

const stored: LiaisonEvent = {
  id: "e-70",
  name: "Create a project at 70 %",
  clarizenInstance: 1,
  triggeredBy: "salesforce",
  triggeringObject: "Opportunity",
  condition: "Probability >= 70",
  target: { kind: "entity_mapping", mappingId: "" },
  relatedObjects: [],
  enabled: false,
  fireExisting: false,
};

function renderEditor(id: string | null, overrides: Parameters<typeof fakeApi>[0] = {}): FakeApi {
  const api = fakeApi({
    ...overrides,
    definitions: { list: async () => mappings, event: async () => stored, ...overrides.definitions },
    schema: {
      salesforceObjects: async () => [
        { name: "Opportunity", label: "Opportunity", custom: false },
        { name: "Clarizen_Project__c", label: "Clarizen Project", custom: true },
      ],
      describeSalesforce: async (name) => (name === "Opportunity" ? opportunity : clarizenProject),
      conditionOperators: async () => operators,
      conditionTree: async () => ({ type: "group", join: "AND", children: [{ type: "rule", field: "Probability", op: ">=", value: "70" }] }),
      salesforceChildRelationships: async () => [{ name: "OpportunityLineItems", label: "OpportunityLineItems", object: "OpportunityLineItem", field: "OpportunityId" }],
      ...overrides.schema,
    },
  });
  render(
    <ApiProvider api={api}>
      <EventEditor id={id} onClose={() => undefined} />
    </ApiProvider>,
  );
  return api;
}

describe("EventEditor", () => {
  it("fixes the triggering side once saved and opens the condition in the builder", async () => {
    renderEditor("e-70");
    const triggeredBy = await screen.findByDisplayValue("Salesforce");
    expect(triggeredBy).toBeDisabled();
    expect(await screen.findByTestId("condition-text")).toHaveTextContent("Probability >= 70");
  });

  it("shows the engine's problems with the condition inline", async () => {
    const user = userEvent.setup();
    const api = renderEditor("e-70", {
      schema: {
        validateCondition: async (_side, _i, _object, text) =>
          text.includes("Amount") ? [{ column: 0, field: "Amount", message: "Amount takes a number, not 'lots'.", fix: "Write a number such as 1000." }] : [],
      },
    });
    const trigger = await screen.findByRole("region", { name: "Trigger" });
    await within(trigger).findByTestId("condition-text");
    await user.click(within(trigger).getByRole("button", { name: "Add condition" }));
    const fieldSelects = within(trigger).getAllByRole("combobox", { name: "Field" });
    await user.selectOptions(fieldSelects[fieldSelects.length - 1]!, "Amount");
    expect(await within(trigger).findByRole("list", { name: "Condition problems" }, { timeout: 3000 })).toHaveTextContent("Amount takes a number");
    expect(api.calls.some((c) => c.startsWith("schema.validateCondition salesforce 1 Opportunity"))).toBe(true);
  });

  it("creates a new object and synchronizes it with values from the source and constants", async () => {
    const user = userEvent.setup();
    const api = renderEditor(null);
    const trigger = await screen.findByRole("region", { name: "Trigger" });
    await user.type(within(trigger).getByRole("textbox", { name: "Name" }), "Won deals");
    await user.selectOptions(await within(trigger).findByRole("combobox", { name: "Triggering object" }), "Opportunity");

    const target = screen.getByRole("region", { name: "Target" });
    await user.selectOptions(within(target).getByRole("combobox", { name: "What the event creates" }), "create_and_sync");
    await user.selectOptions(within(target).getByRole("combobox", { name: "New Salesforce object" }), "Clarizen_Project__c");
    await user.selectOptions(await within(target).findByRole("combobox", { name: "Source link field" }), "Opportunity__c");
    await user.selectOptions(within(target).getByRole("combobox", { name: "Then synchronize it through" }), "m-projects");
    await user.click(within(target).getByRole("button", { name: "Add field value" }));
    await user.selectOptions(within(target).getByRole("combobox", { name: "Field 1 of the new object" }), "Name");
    await user.selectOptions(within(target).getByRole("combobox", { name: "Source field 1" }), "Name");

    const related = screen.getByRole("region", { name: "Related Salesforce objects" });
    await user.click(within(related).getByRole("button", { name: "Add related records" }));
    await user.selectOptions(await within(related).findByRole("combobox", { name: "Relationship" }), "OpportunityLineItems");
    await user.click(within(related).getByRole("checkbox", { name: "As sub-projects of the new Clarizen object" }));

    await user.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(api.calls.some((c) => c.startsWith("definitions.saveEvent"))).toBe(true));
    const saved = JSON.parse(api.calls.find((c) => c.startsWith("definitions.saveEvent"))!.slice("definitions.saveEvent ".length)) as LiaisonEvent;
    expect(saved.target).toEqual({
      kind: "create_and_sync",
      newObject: { salesforceObject: "Clarizen_Project__c", sourceLinkField: "Opportunity__c", mappingId: "m-projects", values: [{ field: "Name", source: "source_field", value: "Name" }] },
    });
    expect(saved.relatedObjects?.[0]).toMatchObject({ relationship: "OpportunityLineItems", object: "OpportunityLineItem", parentField: "OpportunityId", asSubProjects: true });
    expect(await screen.findByDisplayValue("Salesforce")).toBeDisabled();
  });

  it("summarises Validate at the top with links to the parts", async () => {
    const user = userEvent.setup();
    renderEditor("e-70", {
      definitions: {
        validateEvent: async () => [
          { code: "invalid_setting", severity: "error", part: "target", message: "The event has no mapping." },
          { code: "broad", severity: "warning", part: "condition", message: "The condition matches every record." },
        ],
      },
    });
    await screen.findByRole("heading", { name: "Create a project at 70 %" });
    await user.click(screen.getByRole("button", { name: "Validate" }));

    const summary = await screen.findByRole("region", { name: "Validation found 1 error and 1 warning" });
    expect(summary).toHaveTextContent("Errors block enabling the event.");
    await user.click(within(summary).getByRole("button", { name: "The event has no mapping." }));
    expect(within(screen.getByRole("region", { name: "Target" })).getAllByRole("combobox")[0]).toHaveFocus();
  });

  it("shows the problems that refused Save in the summary, not the raw error", async () => {
    const user = userEvent.setup();
    renderEditor("e-70", {
      definitions: {
        event: async () => ({ ...stored, enabled: true }),
        validateEvent: async (e) =>
          e.name.endsWith("changed") ? [{ code: "missing_mapping", severity: "error", part: "target", message: "The event has no mapping." }] : [],
        saveEvent: async (e) => {
          throw new ApiError("validation_failed", `validate event "${e.name}": 1 problem: The event has no mapping.`, "Fix the problems.");
        },
      },
    });
    await user.type(await screen.findByDisplayValue(stored.name), " changed");
    await user.click(screen.getByRole("button", { name: "Save" }));

    expect(await screen.findByRole("region", { name: "Validation found 1 error" })).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("Not saved: 1 error blocks saving an enabled event.");
    expect(screen.queryByText(/validate event/)).not.toBeInTheDocument();
  });
});

