import { fireEvent, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import type { CompatibilityTable, FieldMapping, Problem } from "../../api/types";
import { compatibility, opportunity, pairs, project } from "../../test/fixtures/objects";
import { FieldMappingEditor } from "./FieldMappingEditor";
import { applyChange, type FieldMapChange } from "./model";

const emptyMapping: FieldMapping = { salesforceObject: "Opportunity", clarizenEntity: "Project", fieldMaps: [] };

function Harness(props: {
  initial?: FieldMapping;
  table?: CompatibilityTable;
  problems?: Problem[];
  changes: FieldMapChange[];
}) {
  const [mapping, setMapping] = useState(props.initial ?? emptyMapping);
  return (
    <FieldMappingEditor
      mapping={mapping}
      salesforceObject={opportunity}
      clarizenObject={project}
      compatibility={props.table ?? compatibility}
      problems={props.problems}
      onChange={(change) => {
        props.changes.push(change);
        setMapping((m) => applyChange(m, change));
      }}
    />
  );
}

function list(name: "Salesforce" | "Clarizen") {
  return screen.getByRole("listbox", { name: new RegExp(`^${name} fields`) });
}

function option(listName: "Salesforce" | "Clarizen", apiName: string) {
  const el = list(listName).querySelector<HTMLElement>(`[data-field="${apiName}"]`);
  if (!el) {
    throw new Error(`no ${apiName} in the ${listName} list`);
  }
  return el;
}

function shownFields(listName: "Salesforce" | "Clarizen"): string[] {
  return within(list(listName))
    .getAllByRole("option")
    .map((o) => o.getAttribute("data-field") ?? "");
}

describe("FieldMappingEditor", () => {
  it("lists label, API name and type of each field", () => {
    render(<Harness changes={[]} />);
    const amount = option("Salesforce", "Amount");
    expect(amount).toHaveTextContent("Amount");
    expect(amount).toHaveTextContent("currency");
    const budget = option("Clarizen", "Budget");
    expect(budget).toHaveTextContent("Budget");
    expect(budget).toHaveTextContent("Money");
    expect(shownFields("Salesforce")).toHaveLength(opportunity.fields.length);
  });

  it("searches by label, API name and type", async () => {
    const user = userEvent.setup();
    render(<Harness changes={[]} />);
    const search = screen.getByRole("searchbox", { name: "Search Salesforce fields" });

    await user.type(search, "close");
    expect(shownFields("Salesforce")).toEqual(["CloseDate"]);

    await user.clear(search);
    await user.type(search, "picklist");
    expect(shownFields("Salesforce")).toEqual(["StageName"]);

    await user.clear(search);
    await user.type(search, "AccountId");
    expect(shownFields("Salesforce")).toEqual(["AccountId"]);
  });

  it("offers only compatible fields while dragging", () => {
    render(<Harness changes={[]} />);
    fireEvent.dragStart(option("Salesforce", "Amount"));

    expect(shownFields("Clarizen")).toEqual(["Budget"]);
    expect(shownFields("Salesforce")).toHaveLength(opportunity.fields.length);
  });

  it("follows the compatibility table it is given", () => {
    const table: CompatibilityTable = pairs({ currency: ["currency", "duration", "percent"] });
    render(<Harness changes={[]} table={table} />);
    fireEvent.dragStart(option("Salesforce", "Amount"));

    expect(shownFields("Clarizen")).toEqual(["Budget", "PercentCompleted", "Duration"]);
  });

  it("maps a Salesforce field dropped on a Clarizen field", () => {
    const changes: FieldMapChange[] = [];
    render(<Harness changes={changes} />);

    fireEvent.dragStart(option("Salesforce", "Amount"));
    const budget = option("Clarizen", "Budget");
    fireEvent.dragOver(budget);
    fireEvent.drop(budget);

    expect(changes).toHaveLength(1);
    const change = changes[0];
    expect(change?.type).toBe("add");
    if (change?.type !== "add") return;
    expect(change.fieldMap).toMatchObject({
      salesforceField: "Amount",
      clarizenField: "Budget",
      direction: "to_clarizen",
      eventType: "create_and_sync",
      enabled: true,
    });
    const rows = within(screen.getByRole("table", { name: "Field maps" })).getAllByRole("row");
    expect(rows).toHaveLength(2);
    expect(rows[1]).toHaveTextContent("AmountAmount");
    expect(rows[1]).toHaveTextContent("BudgetBudget");
    expect(shownFields("Clarizen")).toHaveLength(project.fields.length);
  });

  it("maps from Clarizen when the drag starts in the Clarizen list", () => {
    const changes: FieldMapChange[] = [];
    render(<Harness changes={changes} />);

    fireEvent.dragStart(option("Clarizen", "PercentCompleted"));
    expect(shownFields("Salesforce")).toEqual(["Probability"]);
    fireEvent.drop(option("Salesforce", "Probability"));

    const change = changes[0];
    if (change?.type !== "add") throw new Error("expected an add change");
    expect(change.fieldMap.direction).toBe("from_clarizen");
    expect(change.fieldMap.salesforceField).toBe("Probability");
    expect(change.fieldMap.clarizenField).toBe("PercentCompleted");
  });

  it("ends the drag without a map when dropped elsewhere", () => {
    const changes: FieldMapChange[] = [];
    render(<Harness changes={changes} />);

    const amount = option("Salesforce", "Amount");
    fireEvent.dragStart(amount);
    fireEvent.dragEnd(amount);

    expect(changes).toHaveLength(0);
    expect(shownFields("Clarizen")).toHaveLength(project.fields.length);
  });

  it("maps with the keyboard alone", async () => {
    const user = userEvent.setup();
    const changes: FieldMapChange[] = [];
    render(<Harness changes={changes} />);

    const first = option("Salesforce", "Name");
    first.focus();
    await user.keyboard("{ArrowDown}");
    expect(option("Salesforce", "Amount")).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(option("Salesforce", "Amount")).toHaveAttribute("aria-selected", "true");

    // Tab leaves the Salesforce list and reaches the Clarizen list's active option.
    await user.tab();
    await user.tab();
    expect(option("Clarizen", "Budget")).toHaveFocus();
    await user.keyboard(" ");

    expect(changes).toHaveLength(1);
    const change = changes[0];
    if (change?.type !== "add") throw new Error("expected an add change");
    expect(change.fieldMap.salesforceField).toBe("Amount");
    expect(change.fieldMap.clarizenField).toBe("Budget");
  });

  it("cancels a pick with Escape", async () => {
    const user = userEvent.setup();
    const changes: FieldMapChange[] = [];
    render(<Harness changes={changes} />);

    option("Salesforce", "Amount").focus();
    await user.keyboard("{Enter}");
    expect(shownFields("Clarizen")).toEqual(["Budget"]);
    await user.keyboard("{Escape}");

    expect(shownFields("Clarizen")).toHaveLength(project.fields.length);
    expect(changes).toHaveLength(0);
  });

  it("maps the same field more than once", async () => {
    const user = userEvent.setup();
    const changes: FieldMapChange[] = [];
    render(<Harness changes={changes} />);

    await user.click(option("Salesforce", "Name"));
    await user.click(option("Clarizen", "Name"));
    await user.click(option("Salesforce", "Name"));
    await user.click(option("Clarizen", "ExternalID"));

    expect(changes.map((c) => c.type)).toEqual(["add", "add"]);
    expect(option("Salesforce", "Name")).toHaveTextContent("mapped ×2");
    expect(within(screen.getByRole("table", { name: "Field maps" })).getAllByRole("row")).toHaveLength(3);
  });

  it("edits direction, event type, enabled state and removes rows", async () => {
    const user = userEvent.setup();
    const changes: FieldMapChange[] = [];
    const initial: FieldMapping = {
      ...emptyMapping,
      fieldMaps: [
        {
          id: "m1",
          enabled: true,
          direction: "to_clarizen",
          salesforceField: "Name",
          clarizenField: "Name",
          eventType: "create_and_sync",
        },
      ],
    };
    render(<Harness changes={changes} initial={initial} />);
    const name = "Opportunity Name and Name";

    await user.selectOptions(screen.getByRole("combobox", { name: `Direction of the map of ${name}` }), "from_clarizen");
    await user.selectOptions(screen.getByRole("combobox", { name: `When the map of ${name} applies` }), "create_only");
    await user.click(screen.getByRole("checkbox", { name: `Enable the map of ${name}` }));
    await user.click(screen.getByRole("button", { name: `Remove the map of ${name}` }));

    expect(changes).toEqual([
      { type: "update", id: "m1", patch: { direction: "from_clarizen" } },
      { type: "update", id: "m1", patch: { eventType: "create_only" } },
      { type: "update", id: "m1", patch: { enabled: false } },
      { type: "remove", id: "m1" },
    ]);
    expect(screen.queryByRole("table", { name: "Field maps" })).not.toBeInTheDocument();
    expect(screen.getByText("No field maps yet")).toBeInTheDocument();
  });

  it("shows the engine's problems next to the row and the field they concern", () => {
    const initial: FieldMapping = {
      ...emptyMapping,
      fieldMaps: [
        {
          id: "m1",
          enabled: true,
          direction: "to_clarizen",
          salesforceField: "Description",
          clarizenField: "Name",
          eventType: "sync_only",
        },
      ],
    };
    const problems: Problem[] = [
      { code: "too_long", fieldMapId: "m1", message: "Description may be longer than Name allows (255 characters)." },
      { code: "required", side: "clarizen", field: "Name", message: "Name is required when a Project is created." },
      { code: "no_key", message: "Choose a key field for each side." },
    ];
    render(<Harness changes={[]} initial={initial} problems={problems} />);

    const row = document.querySelector<HTMLElement>('[data-fieldmap="m1"]');
    expect(row).not.toBeNull();
    const describedBy = row?.getAttribute("aria-describedby") ?? "";
    expect(document.getElementById(describedBy)).toHaveTextContent("longer than Name allows");
    expect(option("Clarizen", "Name")).toHaveTextContent("Name is required when a Project is created.");
    expect(screen.getByRole("list", { name: "Mapping problems" })).toHaveTextContent("Choose a key field");
  });
});

describe("applyChange", () => {
  it("returns a new mapping and leaves the input alone", () => {
    const before: FieldMapping = {
      ...emptyMapping,
      fieldMaps: [
        { id: "a", enabled: true, direction: "to_clarizen", salesforceField: "Name", clarizenField: "Name", eventType: "sync_only" },
      ],
    };
    const frozen = JSON.stringify(before);

    const after = applyChange(before, { type: "update", id: "a", patch: { enabled: false } });

    expect(JSON.stringify(before)).toBe(frozen);
    expect(after.fieldMaps[0]?.enabled).toBe(false);
    expect(after).not.toBe(before);
  });
});
