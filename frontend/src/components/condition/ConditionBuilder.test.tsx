import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { FieldInfo } from "../../api/types";
import { operators } from "../../test/fixtures/objects";
import { ConditionBuilder } from "./ConditionBuilder";
import { conditionText, literal, quote, toUtcDateTime, type GroupNode } from "./conditionText";

const fields: FieldInfo[] = [
  { name: "Probability", label: "Probability (%)", kind: "percent", nativeType: "percent", createable: true, updateable: true, required: false },
  {
    name: "StageName",
    label: "Stage",
    kind: "picklist",
    nativeType: "picklist",
    createable: true,
    updateable: true,
    required: true,
    picklist: [
      { value: "Prospecting", label: "Prospecting", active: true, default: false },
      { value: "Closed Won", label: "Closed Won", active: true, default: false },
      { value: "Retired", label: "Retired", active: false, default: false },
    ],
  },
  { name: "Name", label: "Opportunity Name", kind: "string", nativeType: "string", createable: true, updateable: true, required: true },
  { name: "Regions__c", label: "Regions", kind: "multipicklist", nativeType: "multipicklist", createable: true, updateable: true, required: false },
  { name: "IsPrivate", label: "Private", kind: "boolean", nativeType: "boolean", createable: true, updateable: true, required: false },
  { name: "CloseDate", label: "Close Date", kind: "date", nativeType: "date", createable: true, updateable: true, required: false },
];

function rule(id: string, field: string, op: string, value = ""): GroupNode["children"][number] {
  return { type: "rule", id, field, op, value };
}

describe("conditionText", () => {
  it.each([
    ["plain", "Closed Won", "'Closed Won'"],
    ["quote", "O'Brien", "'O\\'Brien'"],
    ["backslash", "C:\\temp", "'C:\\\\temp'"],
    ["line break and tab", "a\nb\tc", "'a\\nb\\tc'"],
    ["non-ASCII", "Zürich ☃", "'Zürich ☃'"],
  ])("quotes %s text", (_name, input, want) => {
    expect(quote(input)).toBe(want);
  });

  it.each([
    ["percent", "70", "70"],
    ["currency", " 1000.50 ", "1000.50"],
    ["boolean", "true", "true"],
    ["date", "2024-01-31", "2024-01-31"],
    ["string", "70", "'70'"],
    ["picklist", "Closed Won", "'Closed Won'"],
    ["reference", "001000000000001AAA", "'001000000000001AAA'"],
  ])("writes a %s literal", (kind, input, want) => {
    expect(literal(kind, input)).toBe(want);
  });

  it("converts a local date-time to UTC", () => {
    const local = "2024-01-31T09:30";
    const want = new Date(local).toISOString().replace(/\.\d{3}Z$/, "Z");
    expect(toUtcDateTime(local)).toBe(want);
    expect(toUtcDateTime("2024-01-31T09:30:00Z")).toBe("2024-01-31T09:30:00Z");
  });

  it("nests groups in parentheses and negates with NOT", () => {
    const tree: GroupNode = {
      type: "group",
      id: "root",
      join: "AND",
      negated: false,
      children: [
        rule("a", "Probability", ">=", "70"),
        {
          type: "group",
          id: "g",
          join: "OR",
          negated: false,
          children: [rule("b", "StageName", "=", "Closed Won"), rule("c", "StageName", "IN", "Prospecting\nQualification")],
        },
        { type: "group", id: "n", join: "AND", negated: true, children: [rule("d", "Name", "LIKE", "Test%")] },
        rule("e", "CloseDate", "IS NOT NULL"),
        rule("incomplete", "", ""),
      ],
    };
    expect(conditionText(tree, fields)).toBe(
      "Probability >= 70 AND (StageName = 'Closed Won' OR StageName IN ('Prospecting', 'Qualification')) AND NOT (Name LIKE 'Test%') AND CloseDate IS NOT NULL",
    );
  });

  it("leaves out a group with one condition's parentheses", () => {
    const tree: GroupNode = {
      type: "group",
      id: "root",
      join: "AND",
      negated: false,
      children: [{ type: "group", id: "g", join: "OR", negated: false, children: [rule("a", "IsPrivate", "=", "false")] }],
    };
    expect(conditionText(tree, fields)).toBe("IsPrivate = false");
  });
});

describe("ConditionBuilder", () => {
  it("builds text from fields, operators and values", async () => {
    const user = userEvent.setup();
    const texts: string[] = [];
    render(<ConditionBuilder fields={fields} operators={operators} onChange={(t) => texts.push(t)} />);

    await user.selectOptions(screen.getByRole("combobox", { name: "Field" }), "Probability");
    await user.selectOptions(screen.getByRole("combobox", { name: "Operator for Probability (%)" }), ">=");
    await user.type(screen.getByRole("spinbutton", { name: "Value for Probability (%)" }), "70");

    expect(texts.at(-1)).toBe("Probability >= 70");
    expect(screen.getByTestId("condition-text")).toHaveTextContent("Probability >= 70");
  });

  it("offers the operators of the field's kind", async () => {
    const user = userEvent.setup();
    render(<ConditionBuilder fields={fields} operators={operators} onChange={() => undefined} />);
    const field = screen.getByRole("combobox", { name: "Field" });
    const opsOf = (label: string) =>
      within(screen.getByRole("combobox", { name: `Operator for ${label}` }))
        .getAllByRole("option")
        .map((o) => o.textContent);

    await user.selectOptions(field, "Probability");
    expect(opsOf("Probability (%)")).toEqual(operators.percent);
    expect(opsOf("Probability (%)")).not.toContain("LIKE");

    await user.selectOptions(field, "Regions__c");
    expect(opsOf("Regions")).toEqual(operators.multipicklist);
    expect(opsOf("Regions")).toContain("INCLUDES");
  });

  it("offers active picklist values and hides the value for IS NULL", async () => {
    const user = userEvent.setup();
    const texts: string[] = [];
    render(<ConditionBuilder fields={fields} operators={operators} onChange={(t) => texts.push(t)} />);

    await user.selectOptions(screen.getByRole("combobox", { name: "Field" }), "StageName");
    const values = within(screen.getByRole("combobox", { name: "Value for Stage" }))
      .getAllByRole("option")
      .map((o) => o.getAttribute("value"));
    expect(values).toEqual(["", "Prospecting", "Closed Won"]);
    await user.selectOptions(screen.getByRole("combobox", { name: "Value for Stage" }), "Closed Won");
    expect(texts.at(-1)).toBe("StageName = 'Closed Won'");

    await user.selectOptions(screen.getByRole("combobox", { name: "Operator for Stage" }), "IS NULL");
    expect(screen.queryByRole("combobox", { name: "Value for Stage" })).not.toBeInTheDocument();
    expect(texts.at(-1)).toBe("StageName IS NULL");
  });

  it("joins with OR, nests groups and negates", async () => {
    const user = userEvent.setup();
    const texts: string[] = [];
    render(<ConditionBuilder fields={fields} operators={operators} onChange={(t) => texts.push(t)} />);

    await user.selectOptions(screen.getByRole("combobox", { name: "Field" }), "IsPrivate");
    await user.selectOptions(screen.getByRole("combobox", { name: "Value for Private" }), "false");
    await user.click(screen.getByRole("button", { name: "Add group" }));
    const fieldSelects = screen.getAllByRole("combobox", { name: "Field" });
    await user.selectOptions(fieldSelects[1] as HTMLElement, "Name");
    await user.selectOptions(screen.getByRole("combobox", { name: "Operator for Opportunity Name" }), "LIKE");
    await user.type(screen.getByRole("textbox", { name: "Value for Opportunity Name" }), "O'Neil%");
    expect(texts.at(-1)).toBe("IsPrivate = false AND Name LIKE 'O\\'Neil%'");

    await user.selectOptions(screen.getByRole("combobox", { name: "Condition: match" }), "OR");
    expect(texts.at(-1)).toBe("IsPrivate = false OR Name LIKE 'O\\'Neil%'");

    await user.click(screen.getAllByRole("checkbox", { name: "None of these (NOT)" })[0] as HTMLElement);
    expect(texts.at(-1)).toBe("NOT (IsPrivate = false OR Name LIKE 'O\\'Neil%')");

    await user.click(screen.getByRole("button", { name: "Remove group" }));
    expect(texts.at(-1)).toBe("NOT (IsPrivate = false)");
  });

  it("shows the engine's problems and marks the column", () => {
    const initial: GroupNode = { type: "group", id: "root", join: "AND", negated: false, children: [rule("a", "Probability", ">=", "high")] };
    render(
      <ConditionBuilder
        fields={fields}
        operators={operators}
        initial={initial}
        problems={[{ column: 16, message: "expected a number but found high", fix: "write a number such as 1000" }]}
        onChange={() => undefined}
      />,
    );
    expect(screen.getByRole("alert")).toHaveTextContent("Column 16: expected a number but found high write a number such as 1000");
    expect(screen.getByTestId("condition-text").querySelector("mark")).toHaveTextContent("h");
  });
});
