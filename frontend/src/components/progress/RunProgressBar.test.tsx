import { fireEvent, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { RunProgressReport, RunSummary, RunView } from "../../api/types";
import { RunProgressBar } from "./RunProgressBar";

const report: RunProgressReport = {
  runId: 7,
  phase: "apply",
  object: "Opportunity",
  mapping: "Project ⇄ Clarizen Project",
  read: 600,
  done: 150,
  total: 600,
  created: 100,
  updated: 45,
  deleted: 0,
  failed: 5,
};

const running: RunView = { runId: 7, trigger: "schedule", progress: report };

const summary: RunSummary = {
  runId: 7,
  dryRun: false,
  status: "succeeded",
  startedAt: "2026-03-02T09:00:00Z",
  finishedAt: "2026-03-02T09:01:00Z",
  mappings: [
    { mappingId: "m1", name: "Account → Customer", created: 10, updated: 2, deleted: 0, linked: 0, unlinked: 0, matched: 8, failed: 1, conflicts: 0, apiCalls: 6 },
    { mappingId: "m2", name: "Project ⇄ Clarizen Project", created: 4, updated: 0, deleted: 1, linked: 3, unlinked: 0, matched: 0, failed: 0, conflicts: 0, apiCalls: 9 },
  ],
  apiCalls: { salesforce: 8, clarizen1: 7 },
  pending: 0,
  warnings: [],
};

/** Opens the summary's Details dialog and returns it. */
function openDetails(): HTMLElement {
  fireEvent.click(within(screen.getByRole("status", { name: "Sync summary" })).getByRole("button", { name: "Details" }));
  return screen.getByRole("dialog");
}

describe("RunProgressBar", () => {
  it("shows trigger, phase, counts, current object and percent", () => {
    render(<RunProgressBar run={running} onCancel={() => undefined} />);
    const bar = screen.getByRole("progressbar", { name: "Writing records" });
    expect(bar).toHaveAttribute("aria-valuenow", "25");
    expect(screen.getByText("Scheduled sync: Writing records")).toBeInTheDocument();
    expect(screen.getByText("150 of 600 · Opportunity · Project ⇄ Clarizen Project")).toBeInTheDocument();
    expect(screen.getByText("Failed").nextSibling).toHaveTextContent("5");
  });

  it("is indeterminate before the total is known", () => {
    render(<RunProgressBar run={{ ...running, progress: { ...report, phase: "detect", done: 0, total: 0, read: 0 } }} onCancel={() => undefined} />);
    expect(screen.getByRole("progressbar", { name: "Reading changes" })).not.toHaveAttribute("aria-valuenow");
    expect(screen.getByText(/Counting records/)).toBeInTheDocument();
  });

  it("counts records read while detecting", () => {
    render(<RunProgressBar run={{ ...running, progress: { ...report, phase: "detect", done: 0, total: 0, read: 1234 } }} onCancel={() => undefined} />);
    expect(screen.getByText(/1,234 records read/)).toBeInTheDocument();
  });

  it("cancels the run by id", async () => {
    const user = userEvent.setup();
    const cancelled: number[] = [];
    render(<RunProgressBar run={running} onCancel={(id) => cancelled.push(id)} />);
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(cancelled).toEqual([7]);
  });

  it("summarises a run that ended with failures, per mapping", async () => {
    const user = userEvent.setup();
    let shown = 0;
    render(<RunProgressBar run={{ ...running, summary }} onCancel={() => undefined} onShowFailures={() => (shown += 1)} />);
    const status = screen.getByRole("status", { name: "Sync summary" });
    expect(status).toHaveTextContent("Sync finished with failures");
    expect(status).toHaveTextContent("Scheduled sync · run 7 · 14 created, 2 updated, 1 deleted, 1 failed");
    expect(within(status).queryByRole("table")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Cancel" })).not.toBeInTheDocument();

    const details = openDetails();
    expect(details).toHaveTextContent("API calls: 8 to Salesforce, 7 to Clarizen instance 1");
    expect(details).not.toHaveTextContent("clarizen1");
    expect(within(details).getByText("Created", { selector: "dt" }).nextSibling).toHaveTextContent("14");
    const rows = within(within(details).getByRole("table", { name: "Per mapping" })).getAllByRole("row");
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent("Account → Customer");
    await user.click(within(status).getByRole("button", { name: "Show failures" }));
    expect(shown).toBe(1);
  });

  it("shows linked and matched pairs per mapping", () => {
    render(<RunProgressBar run={{ ...running, summary }} onCancel={() => undefined} />);
    const table = within(openDetails()).getByRole("table", { name: "Per mapping" });
    const headers = within(table).getAllByRole("columnheader").map((h) => h.textContent);
    expect(headers).toEqual(["Mapping", "Created", "Updated", "Deleted", "Linked", "Matched", "Failed", "API calls"]);
    const [, account, project] = within(table).getAllByRole("row");
    const cells = (row: HTMLElement) => within(row).getAllByRole("cell").map((c) => c.textContent);
    expect(cells(account!)).toEqual(["10", "2", "0", "0", "8", "1", "6"]);
    expect(cells(project!)).toEqual(["4", "0", "1", "3", "0", "0", "9"]);
  });

  it("lists every mapping of the run, those with nothing to do too", () => {
    const idle = {
      mappingId: "m3",
      name: "Milestone to Clarizen milestone",
      created: 0,
      updated: 0,
      deleted: 0,
      linked: 0,
      unlinked: 0,
      matched: 0,
      failed: 0,
      conflicts: 0,
      apiCalls: 0,
    };
    render(<RunProgressBar run={{ ...running, summary: { ...summary, mappings: [...summary.mappings, idle] } }} onCancel={() => undefined} />);
    const rows = within(within(openDetails()).getByRole("table", { name: "Per mapping" })).getAllByRole("row");
    expect(rows.map((r) => within(r).queryByRole("rowheader")?.textContent)).toEqual([
      undefined,
      "Account → Customer",
      "Project ⇄ Clarizen Project",
      "Milestone to Clarizen milestone",
    ]);
    expect(within(rows[3]!).getAllByRole("cell").map((c) => c.textContent)).toEqual(["0", "0", "0", "0", "0", "0", "0"]);
  });

  it("gives a stopped run its reason and its pending operations", () => {
    const stopped: RunSummary = {
      ...summary,
      status: "stopped",
      stopReason: "The Salesforce daily API budget fell under the 10 % reserve.",
      pending: 12,
      mappings: [],
    };
    render(<RunProgressBar run={{ ...running, summary: stopped }} onCancel={() => undefined} />);
    expect(screen.getByRole("status", { name: "Sync summary" })).toHaveTextContent("Sync stopped early");
    const details = openDetails();
    expect(details).toHaveTextContent("10 % reserve");
    expect(details).toHaveTextContent("12 operations stay Pending");
  });

  it("keeps the summary to one line until Details is opened", async () => {
    const user = userEvent.setup();
    let dismissed = 0;
    render(<RunProgressBar run={{ ...running, summary }} onCancel={() => undefined} onDismiss={() => (dismissed += 1)} />);
    const status = screen.getByRole("status", { name: "Sync summary" });
    expect(within(status).queryByRole("table")).not.toBeInTheDocument();
    expect(within(status).queryByText("Created", { selector: "dt" })).not.toBeInTheDocument();

    await user.click(within(status).getByRole("button", { name: "Details" }));
    expect(screen.getByRole("dialog", { name: "Sync finished with failures: run 7" })).toBeInTheDocument();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();

    await user.click(within(status).getByRole("button", { name: "Close" }));
    expect(dismissed).toBe(1);
  });

  it("counts held deletions in the summary line", () => {
    const heldDeletes = { mappingId: "m1", name: "Account → Customer", deletes: 12, links: 40, percent: 30, maxPercent: 20 };
    render(<RunProgressBar run={{ ...running, summary: { ...summary, heldDeletes: [heldDeletes] } }} onCancel={() => undefined} />);
    expect(screen.getByRole("status", { name: "Sync summary" })).toHaveTextContent("12 deletions held back");
  });

  it("summarises a cancelled run", () => {
    render(<RunProgressBar run={{ ...running, summary: { ...summary, status: "cancelled", mappings: [] } }} onCancel={() => undefined} />);
    expect(screen.getByRole("status", { name: "Sync summary" })).toHaveTextContent("Sync cancelled");
  });
});
