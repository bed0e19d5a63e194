import { act, render, screen, within } from "@testing-library/react";
import type { ReactNode } from "react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ApiProvider } from "../../api/context";
import type { HeldDeletes, Plan, RunSummary } from "../../api/types";
import { fakeApi, type FakeOverrides } from "../../test/fakeApi";
import { PlanPreview } from "../plan/PlanPreview";
import { RunProgressBar } from "../progress/RunProgressBar";

const held: HeldDeletes = { mappingId: "m1", name: "Account to Customer", deletes: 12, links: 40, percent: 30, maxPercent: 20 };
const skipped = [{ kind: "event", id: "e1", name: "Big deals", error: "invalid condition: no field Amnt on Opportunity" }];

const summary: RunSummary = {
  runId: 5,
  dryRun: false,
  status: "succeeded",
  startedAt: "2026-03-02T09:00:00Z",
  finishedAt: "2026-03-02T09:01:00Z",
  mappings: [],
  apiCalls: {},
  pending: 0,
  warnings: [],
  heldDeletes: [held],
  skipped,
};

const plan: Plan = {
  id: "p1",
  createdAt: "2026-03-02T09:00:00Z",
  operations: [],
  mappings: [],
  apiCalls: {},
  reads: {},
  warnings: [],
  paused: [],
  heldDeletes: [held],
  skipped,
};

function renderWithApi(node: ReactNode, overrides: FakeOverrides = {}) {
  const api = fakeApi(overrides);
  render(<ApiProvider api={api}>{node}</ApiProvider>);
  return api;
}

describe("held deletions and left-out definitions", () => {
  it("confirms the held deletions of a run, then offers Sync Now for that mapping", async () => {
    const user = userEvent.setup();
    const progress = { runId: 5, phase: "done" as const, read: 0, done: 0, total: 0, created: 0, updated: 0, deleted: 0, failed: 0 };
    const api = renderWithApi(<RunProgressBar run={{ runId: 5, trigger: "manual", progress, summary }} onCancel={() => undefined} />);
    await user.click(screen.getByRole("button", { name: "Details" }));
    const note = screen.getByRole("region", { name: "Deletions held back" });
    expect(note).toHaveTextContent("12 deletions held back, 30% of its 40 links, over the limit of 20%");

    await user.click(within(note).getByRole("button", { name: "Confirm 12 deletions for Account to Customer" }));
    expect(api.calls).toContain("runs.confirmDeletes m1 12");
    expect(await within(note).findByRole("status")).toHaveTextContent("Confirmed. The next run of Account to Customer deletes them.");

    await user.click(within(note).getByRole("button", { name: "Sync Now" }));
    expect(api.calls).toContain('runs.syncNow ["m1"]');
    expect(await within(note).findByText("Sync of Account to Customer started.")).toBeInTheDocument();
    act(() => api.emit("run.finished", { seq: 9, type: "run.finished", time: "", data: { ...summary, runId: 6 } }));
    expect(within(note).queryByText("Sync of Account to Customer started.")).not.toBeInTheDocument();

    const left = screen.getByRole("region", { name: "Left out of this run" });
    expect(left).toHaveTextContent("Event Big deals: invalid condition: no field Amnt on Opportunity");
  });

  it("keeps the button after a failed confirmation and shows the error", async () => {
    const user = userEvent.setup();
    renderWithApi(<PlanPreview plan={plan} onApply={() => undefined} onDiscard={() => undefined} />, {
      runs: {
        confirmDeletes: async () => {
          throw { code: "not_found", message: "no mapping m1", hint: "" };
        },
      },
    });
    const note = screen.getByRole("region", { name: "Deletions held back" });
    await user.click(within(note).getByRole("button", { name: "Confirm 12 deletions for Account to Customer" }));
    expect(await within(note).findByRole("alert")).toHaveTextContent("no mapping m1");
    expect(within(note).getByRole("button", { name: "Confirm 12 deletions for Account to Customer" })).toBeEnabled();
    expect(screen.getByRole("region", { name: "Left out of this run" })).toHaveTextContent("Big deals");
  });

  it("shows nothing when nothing was held or left out", () => {
    renderWithApi(<PlanPreview plan={{ ...plan, heldDeletes: [], skipped: undefined }} onApply={() => undefined} onDiscard={() => undefined} />);
    expect(screen.queryByRole("region", { name: "Deletions held back" })).not.toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Left out of this run" })).not.toBeInTheDocument();
  });
});
