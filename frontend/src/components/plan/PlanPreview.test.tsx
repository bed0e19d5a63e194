import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Plan } from "../../api/types";
import { PlanPreview } from "./PlanPreview";

const plan: Plan = {
  id: "plan-1",
  apiCalls: { salesforce: 7, clarizen: 3 },
  operations: [
    {
      id: "o1",
      kind: "create",
      side: "clarizen",
      object: "Project",
      recordName: "Burlington Textiles Weaving Plant",
      mapping: "Project ⇄ Clarizen Project",
      fields: [
        { field: "Name", before: null, after: "Burlington Textiles Weaving Plant" },
        { field: "Budget", label: "Budget", before: null, after: "235000 USD" },
      ],
    },
    {
      id: "o2",
      kind: "update",
      side: "salesforce",
      object: "Account",
      recordId: "001000000000001AAA",
      recordName: "Edge Communications",
      mapping: "Account → Customer",
      fields: [{ field: "Phone", before: "(512) 757-6000", after: "" }],
      conflict: "Phone changed on both sides; the newer Clarizen value wins.",
    },
    { id: "o3", kind: "link", side: "clarizen", object: "Customer", recordName: "Edge Communications", mapping: "Account → Customer", fields: [] },
    { id: "o4", kind: "post", side: "clarizen", object: "Discussion", recordName: "Kick-off call notes", mapping: "Account → Customer", fields: [] },
  ],
};

describe("PlanPreview", () => {
  it("counts operations by kind and shows the API calls", () => {
    render(<PlanPreview plan={plan} onApply={() => undefined} onDiscard={() => undefined} />);
    const kinds = screen.getByRole("group", { name: "Operations by kind" });
    expect(within(kinds).getByRole("button", { name: "All: 4" })).toBeInTheDocument();
    expect(within(kinds).getByRole("button", { name: "Creates: 1" })).toBeInTheDocument();
    expect(within(kinds).getByRole("button", { name: "Deletes: 0" })).toBeDisabled();
    expect(screen.getByTestId("api-calls")).toHaveTextContent("about 7 Salesforce API calls and 3 Clarizen API calls");
  });

  it("shows field values before and after, with null apart from empty", () => {
    render(<PlanPreview plan={plan} onApply={() => undefined} onDiscard={() => undefined} />);
    const budget = screen.getByRole("rowheader", { name: /Budget/ }).closest("tr");
    expect(budget).toHaveTextContent("null");
    expect(budget).toHaveTextContent("235000 USD");
    const phone = screen.getByRole("rowheader", { name: "Phone" }).closest("tr");
    expect(phone).toHaveTextContent("(512) 757-6000");
    expect(phone).toHaveTextContent("empty");
    expect(screen.getByText("Phone changed on both sides; the newer Clarizen value wins.")).toBeInTheDocument();
  });

  it("filters by kind", async () => {
    const user = userEvent.setup();
    render(<PlanPreview plan={plan} onApply={() => undefined} onDiscard={() => undefined} />);
    await user.click(screen.getByRole("button", { name: "Updates: 1" }));
    const items = within(screen.getByRole("list", { name: "Planned operations" })).getAllByRole("listitem");
    expect(items).toHaveLength(1);
    expect(items[0]).toHaveTextContent("Edge Communications");
  });

  it("applies or discards the plan by id", async () => {
    const user = userEvent.setup();
    const calls: string[] = [];
    render(<PlanPreview plan={plan} onApply={(id) => calls.push(`apply ${id}`)} onDiscard={(id) => calls.push(`discard ${id}`)} />);
    await user.click(screen.getByRole("button", { name: "Apply 4 operations" }));
    await user.click(screen.getByRole("button", { name: "Discard" }));
    expect(calls).toEqual(["apply plan-1", "discard plan-1"]);
  });

  it("disables Apply for an empty plan and while busy", () => {
    const { rerender } = render(
      <PlanPreview plan={{ ...plan, operations: [] }} onApply={() => undefined} onDiscard={() => undefined} />,
    );
    expect(screen.getByText("Nothing to sync")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Apply 0 operations" })).toBeDisabled();

    rerender(<PlanPreview plan={plan} busy onApply={() => undefined} onDiscard={() => undefined} />);
    expect(screen.getByRole("button", { name: "Apply 4 operations" })).toBeDisabled();
    expect(screen.getByRole("button", { name: "Discard" })).toBeDisabled();
  });
});
