import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Plan, SocialEstimate } from "../../api/types";
import { PlanPreview } from "./PlanPreview";

const base = { connection: "clarizen1", reason: "Opportunity reached the event's condition.", warnings: [] as string[] };

const plan: Plan = {
  id: "plan-1",
  createdAt: "2026-03-02T09:00:00Z",
  apiCalls: { salesforce: 7, clarizen1: 2, clarizen2: 1 },
  reads: {},
  mappings: [],
  warnings: [],
  paused: [],
  operations: [
    {
      ...base,
      id: 1,
      kind: "create",
      template: "Standard delivery",
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
      ...base,
      connection: "salesforce",
      id: 2,
      kind: "update",
      side: "salesforce",
      object: "Account",
      recordId: "001000000000001AAA",
      recordName: "Edge Communications",
      mapping: "Account → Customer",
      fields: [
        { field: "Phone", before: "(512) 757-6000", after: "", conflict: "Changed on both sides; the newer Clarizen value wins." },
      ],
    },
    { ...base, id: 3, kind: "link", side: "clarizen", object: "Customer", recordName: "Edge Communications", mapping: "Account → Customer", fields: [] },
    { ...base, id: 4, kind: "post", side: "clarizen", object: "Discussion", recordName: "Kick-off call notes", mapping: "Account → Customer", fields: [] },
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

  it("shows field values before and after, with no value apart from empty", () => {
    render(<PlanPreview plan={plan} onApply={() => undefined} onDiscard={() => undefined} />);
    const budget = screen.getByRole("rowheader", { name: /Budget/ }).closest("tr");
    expect(budget?.querySelector(".plan-fields__before")).toHaveTextContent(/^—$/);
    expect(budget).not.toHaveTextContent("null");
    expect(budget).toHaveTextContent("235000 USD");
    const phone = screen.getByRole("rowheader", { name: "Phone" }).closest("tr");
    expect(phone).toHaveTextContent("(512) 757-6000");
    expect(phone?.querySelector(".plan-fields__after")).toHaveTextContent("(empty)");
    expect(screen.getByText("Phone: Changed on both sides; the newer Clarizen value wins.")).toBeInTheDocument();
    expect(screen.getAllByText(/From the template “Standard delivery”/)).toHaveLength(1);
  });

  it("strikes through only a replaced value", () => {
    render(<PlanPreview plan={plan} onApply={() => undefined} onDiscard={() => undefined} />);
    const budgetBefore = screen.getByRole("rowheader", { name: /Budget/ }).closest("tr")?.querySelector(".plan-fields__before");
    expect(budgetBefore).not.toHaveClass("plan-fields__before--replaced");
    const phoneBefore = screen.getByRole("rowheader", { name: "Phone" }).closest("tr")?.querySelector(".plan-fields__before");
    expect(phoneBefore).toHaveClass("plan-fields__before--replaced");
  });

  it("names an operation by its label before its ids", () => {
    const labelled: Plan = {
      ...plan,
      operations: [
        {
          ...base,
          id: 9,
          kind: "link",
          side: "clarizen",
          object: "CustomerLink",
          recordId: "/CustomerLink/lzf8189d96",
          recordName: "/CustomerLink/lzf8189d96",
          label: "Acme – Customer link",
          mapping: "Account → Customer",
          fields: [],
        },
        { ...base, id: 10, kind: "link", side: "clarizen", object: "Customer", recordId: "/Customer/xm67", recordName: "/Customer/xm67", mapping: "Account → Customer", fields: [] },
      ],
    };
    render(<PlanPreview plan={labelled} onApply={() => undefined} onDiscard={() => undefined} />);
    const [first, second] = within(screen.getByRole("list", { name: "Planned operations" })).getAllByRole("listitem");
    const record = first?.querySelector(".operation__record");
    expect(record?.firstChild?.textContent).toBe("Acme – Customer link");
    expect(record?.querySelector(".operation__ids")).toHaveTextContent("/CustomerLink/lzf8189d96");
    // Without a label the id is the title, shown once.
    expect(second?.querySelector(".operation__record")).toHaveTextContent(/^\/Customer\/xm67$/);
    expect(screen.getByRole("button", { name: "Apply 2 operations" })).toBeInTheDocument();
  });

  it("says one API call in the singular", () => {
    render(<PlanPreview plan={{ ...plan, apiCalls: { salesforce: 1, clarizen1: 1 } }} onApply={() => undefined} onDiscard={() => undefined} />);
    expect(screen.getByTestId("api-calls")).toHaveTextContent("about 1 Salesforce API call and 1 Clarizen API call.");
  });

  it("counts posts when the run applies, with the least calls", () => {
    const social: SocialEstimate[] = [
      { mappingId: "m1", name: "Account → Customer", records: 40, minCalls: { salesforce: 40, clarizen1: 40 } },
      { mappingId: "m2", name: "Case to Issue", records: 2, minCalls: { salesforce: 2, clarizen2: 2 } },
    ];
    const withoutPosts = { ...plan, operations: plan.operations.filter((op) => op.kind !== "post"), social };
    render(<PlanPreview plan={withoutPosts} onApply={() => undefined} onDiscard={() => undefined} />);

    const kinds = screen.getByRole("group", { name: "Operations by kind" });
    expect(within(kinds).queryByRole("button", { name: "Posts: 0" })).not.toBeInTheDocument();
    expect(within(kinds).getByRole("note", { name: "Posts are counted when the run applies" })).toBeInTheDocument();
    expect(screen.getByTestId("social-calls")).toHaveTextContent(
      "copies new posts and comments of 42 linked records (Account → Customer, Case to Issue), which spends at least 42 more Salesforce and 42 more Clarizen API calls.",
    );
  });

  it("names paused mappings and warnings", () => {
    render(
      <PlanPreview
        plan={{ ...plan, paused: ["Account → Customer"], warnings: ["Budget of Edge Communications is cut to 255 characters."] }}
        onApply={() => undefined}
        onDiscard={() => undefined}
      />,
    );
    expect(screen.getByRole("note")).toHaveTextContent("Paused, because a connection needs you: Account → Customer");
    expect(screen.getByRole("list", { name: "Plan warnings" })).toHaveTextContent("cut to 255 characters");
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
