import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ApiProvider } from "../../api/context";
import type { FieldInfo, ObjectInfo } from "../../api/types";
import { operators, opportunity } from "../../test/fixtures/objects";
import { fakeApi, type FakeApi } from "../../test/fakeApi";
import { ConditionField } from "./ConditionField";
import { conditionText, resolveField, splitPath } from "./conditionText";

/** A Clarizen Project record in Salesforce, with a lookup to its opportunity (Opportunity__r in paths). */
const clarizenProject: ObjectInfo = {
  name: "Clarizen_Project__c",
  label: "Clarizen Project",
  custom: true,
  fields: [
    { name: "Name", label: "Name", kind: "string", nativeType: "string", createable: true, updateable: true, required: true },
    {
      name: "Opportunity__c",
      label: "Opportunity",
      kind: "reference",
      nativeType: "reference",
      createable: true,
      updateable: true,
      required: false,
      referenceTo: ["Opportunity"],
      relationshipName: "Opportunity__r",
    },
  ],
};

function renderField(text: string, changes: string[]): FakeApi {
  const api = fakeApi({
    schema: {
      describeSalesforce: async (name) => {
        if (name !== "Opportunity") throw new Error(`no describe of ${name} in this test`);
        return opportunity;
      },
      conditionTree: async () => ({ type: "group", join: "AND", children: [{ type: "rule", field: "Opportunity__r.Amount", op: "<", value: "10000" }] }),
      validateCondition: async () => [],
    },
  });
  render(
    <ApiProvider api={api}>
      <ConditionField
        side="salesforce"
        instance={1}
        object="Clarizen_Project__c"
        fields={clarizenProject.fields}
        operators={operators}
        value={text}
        validateDelay={0}
        onChange={(t) => changes.push(t)}
      />
    </ApiProvider>,
  );
  return api;
}

describe("ConditionField with relationship paths", () => {
  it("reads back a criterion on a parent's field", async () => {
    const api = renderField("Opportunity__r.Amount < 10000", []);

    const parentField = await screen.findByRole("combobox", { name: "Field of Opportunity" });
    await waitFor(() => expect(parentField).toHaveDisplayValue("Amount (Amount)"));
    expect(screen.getByRole("combobox", { name: "Field" })).toHaveValue("Opportunity__r.");
    expect(screen.getByRole("combobox", { name: "Operator for Opportunity Amount" })).toHaveValue("<");
    expect(screen.getByRole("spinbutton", { name: "Value for Amount" })).toHaveValue(10000);
    expect(screen.getByTestId("condition-text")).toHaveTextContent("Opportunity__r.Amount < 10000");
    expect(api.calls).toContain("schema.describeSalesforce Opportunity");
  });

  it("edits the value of a parent's field", async () => {
    const user = userEvent.setup();
    const changes: string[] = [];
    renderField("Opportunity__r.Amount < 10000", changes);
    const value = await screen.findByRole("spinbutton", { name: "Value for Amount" });

    await user.clear(value);
    await user.type(value, "5000");
    expect(changes.at(-1)).toBe("Opportunity__r.Amount < 5000");
  });

  it("builds a new criterion through a reference", async () => {
    const user = userEvent.setup();
    const changes: string[] = [];
    renderField("", changes);

    await user.selectOptions(screen.getByRole("combobox", { name: "Field" }), "Opportunity__r.");
    const parentField = await screen.findByRole("combobox", { name: "Field of Opportunity" });
    await waitFor(() => expect(parentField).toHaveTextContent("Stage (StageName)"));
    await user.selectOptions(parentField, "Probability");
    await user.type(screen.getByRole("spinbutton", { name: "Value for Probability (%)" }), "70");

    expect(changes.at(-1)).toBe("Opportunity__r.Probability = 70");
  });
});

describe("resolveField", () => {
  const parents = (reference: FieldInfo) => (reference.referenceTo?.[0] === "Opportunity" ? opportunity.fields : undefined);

  it("splits a path at its first dot", () => {
    expect(splitPath("Opportunity__r.Amount")).toEqual(["Opportunity__r", "Amount"]);
    expect(splitPath("Amount")).toBeNull();
  });

  it("resolves a parent's field through the relationship name", () => {
    const { via, field } = resolveField(clarizenProject.fields, "Opportunity__r.Amount", parents);
    expect(via?.name).toBe("Opportunity__c");
    expect(field?.kind).toBe("currency");
  });

  it("resolves nothing for an unknown relationship", () => {
    expect(resolveField(clarizenProject.fields, "Account__r.Name", parents)).toEqual({});
  });

  it("writes a parent's number unquoted", () => {
    const tree = { type: "group" as const, id: "g", join: "AND" as const, negated: false, children: [{ type: "rule" as const, id: "r", field: "Opportunity__r.Amount", op: "<", value: "10000" }] };
    expect(conditionText(tree, clarizenProject.fields, parents)).toBe("Opportunity__r.Amount < 10000");
    expect(conditionText(tree, clarizenProject.fields)).toBe("Opportunity__r.Amount < '10000'");
  });
});
