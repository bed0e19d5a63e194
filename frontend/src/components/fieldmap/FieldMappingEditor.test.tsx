import { fireEvent, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import type { CompatibilityTable, FieldInfo, FieldMapping, ObjectInfo, Problem } from "../../api/types";
import { compatibility, opportunity, pairs, project } from "../../test/fixtures/objects";
import { FieldMappingEditor } from "./FieldMappingEditor";
import { applyChange, type FieldMapChange } from "./model";

const emptyMapping: FieldMapping = { salesforceObject: "Opportunity", clarizenEntity: "Project", fieldMaps: [] };

function Harness(props: {
  initial?: FieldMapping;
  table?: CompatibilityTable;
  problems?: Problem[];
  changes: FieldMapChange[];
  salesforceObject?: ObjectInfo;
  clarizenObject?: ObjectInfo;
}) {
  const [mapping, setMapping] = useState(props.initial ?? emptyMapping);
  return (
    <FieldMappingEditor
      mapping={mapping}
      salesforceObject={props.salesforceObject ?? opportunity}
      clarizenObject={props.clarizenObject ?? project}
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

function field(name: string, label: string, kind: string, extra: Partial<FieldInfo> = {}): FieldInfo {
  return { name, label, kind, nativeType: kind, createable: true, updateable: true, required: false, ...extra };
}

/** A Clarizen Issue with fields that cannot be written: SYSID and State are read-only, Score is calculated. */
const issue: ObjectInfo = {
  name: "Issue",
  label: "Issue",
  custom: false,
  fields: [
    field("Title", "Title", "string", { required: true }),
    field("SYSID", "ID", "string", { createable: false, updateable: false }),
    field("State", "State", "picklist", { createable: false, updateable: false }),
    field("Score", "Score", "string", { calculated: true }),
    field("Origin", "Origin", "string", { updateable: false }),
    field("DueDate", "Due Date", "date"),
  ],
};

const caseObject: ObjectInfo = {
  name: "Case",
  label: "Case",
  custom: false,
  fields: [
    field("CaseNumber", "Case Number", "string", { createable: false, updateable: false }),
    field("Subject", "Subject", "string"),
    field("IsClosed", "Closed", "boolean"),
  ],
};

describe("FieldMappingEditor with fields that cannot be written", () => {
  function renderIssue(changes: FieldMapChange[]) {
    render(<Harness changes={changes} salesforceObject={caseObject} clarizenObject={issue} initial={{ salesforceObject: "Case", clarizenEntity: "Issue", fieldMaps: [] }} />);
  }

  it("rejects a drop on a read-only field", () => {
    const changes: FieldMapChange[] = [];
    renderIssue(changes);
    fireEvent.dragStart(option("Salesforce", "Subject"));

    const sysid = option("Clarizen", "SYSID");
    expect(sysid).toHaveAttribute("aria-disabled", "true");
    expect(sysid).toHaveTextContent("Read-only");
    const over = fireEvent.dragOver(sysid);
    // fireEvent returns false only when the handler called preventDefault, which accepts the drop.
    expect(over).toBe(true);
    fireEvent.drop(sysid);

    expect(changes).toHaveLength(0);
    expect(screen.getByText(/ID cannot take Subject: read-only\./)).toBeInTheDocument();
  });

  it("rejects a keyboard pick on a calculated field", async () => {
    const user = userEvent.setup();
    const changes: FieldMapChange[] = [];
    renderIssue(changes);

    option("Salesforce", "Subject").focus();
    await user.keyboard("{Enter}");
    const score = option("Clarizen", "Score");
    expect(score).toHaveTextContent("Calculated (read-only)");
    score.focus();
    await user.keyboard("{Enter}");

    expect(changes).toHaveLength(0);
    expect(option("Salesforce", "Subject")).toHaveAttribute("aria-selected", "true");
    expect(screen.getByText("Score cannot take Subject: calculated (read-only).")).toBeInTheDocument();
  });

  it("counts the writable targets in the hint", () => {
    renderIssue([]);
    fireEvent.dragStart(option("Salesforce", "Subject"));

    // Title, SYSID, Score and Origin are strings, but SYSID and Score cannot be written.
    expect(shownFields("Clarizen")).toEqual(["Title", "SYSID", "Score", "Origin"]);
    expect(screen.getByText(/2 of 6 fields can take Subject/)).toHaveTextContent("2 read-only fields cannot be written.");
  });

  it("makes a map into a create-only field apply on create only", () => {
    const changes: FieldMapChange[] = [];
    renderIssue(changes);
    fireEvent.dragStart(option("Salesforce", "Subject"));
    fireEvent.drop(option("Clarizen", "Origin"));

    const change = changes[0];
    if (change?.type !== "add") throw new Error("expected an add change");
    expect(change.fieldMap.eventType).toBe("create_only");
  });

  it("names the real name fields in the empty hint", () => {
    renderIssue([]);
    expect(screen.getByText(/No field maps yet/).parentElement).toHaveTextContent("for example Case Subject to Issue Title");
  });

  it("says when the search hides every compatible field", async () => {
    const user = userEvent.setup();
    renderIssue([]);
    await user.type(screen.getByRole("searchbox", { name: "Search Clarizen fields" }), "DueDate");
    await user.click(option("Salesforce", "Subject"));

    expect(screen.getByText(/compatible fields are hidden by the search/)).toHaveTextContent("4 compatible fields are hidden by the search.");
    expect(screen.queryByText(/No field of this object has a compatible type/)).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Clear the search" }));
    expect(shownFields("Clarizen")).toEqual(["Title", "SYSID", "Score", "Origin"]);
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
