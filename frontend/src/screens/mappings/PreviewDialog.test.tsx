import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ApiProvider } from "../../api/context";
import type { ApplyOutcome, Plan, RunSummary } from "../../api/types";
import { fakeApi, type FakeApi } from "../../test/fakeApi";
import { App } from "../../App";
import { PreviewDialog } from "./PreviewDialog";

const plan: Plan = {
  id: "plan-1",
  createdAt: "2026-03-02T09:00:00Z",
  apiCalls: { salesforce: 2 },
  reads: {},
  mappings: [],
  warnings: [],
  paused: [],
  operations: [
    {
      id: 1,
      kind: "create",
      side: "clarizen",
      connection: "clarizen1",
      object: "Project",
      recordName: "Burlington Textiles Weaving Plant",
      mapping: "Opportunity to Project",
      reason: "New opportunity.",
      fields: [],
      warnings: [],
    },
  ],
};

const summary: RunSummary = {
  runId: 5,
  dryRun: false,
  status: "succeeded",
  startedAt: "2026-03-02T09:00:00Z",
  finishedAt: "2026-03-02T09:00:05Z",
  mappings: [{ mappingId: "m1", name: "Opportunity to Project", created: 1, updated: 0, deleted: 0, linked: 1, unlinked: 0, matched: 0, failed: 0, conflicts: 0, apiCalls: 2 }],
  apiCalls: { clarizen1: 2 },
  pending: 0,
  warnings: [],
};

/** Renders the dialog with an apply that resolves only when the test calls finish(). */
function renderDialog(): { api: FakeApi; finish(outcome: ApplyOutcome): void; closed: () => number } {
  let resolve: (o: ApplyOutcome) => void = () => undefined;
  let closes = 0;
  const api = fakeApi({
    runs: {
      apply: () =>
        new Promise<ApplyOutcome>((r) => {
          resolve = r;
        }),
      cancel: async () => undefined,
    },
  });
  render(
    <ApiProvider api={api}>
      <PreviewDialog plan={plan} onClose={() => (closes += 1)} />
    </ApiProvider>,
  );
  return { api, finish: (o) => act(() => resolve(o)), closed: () => closes };
}

describe("PreviewDialog", () => {
  it("replaces the plan with the run's live progress after Apply", async () => {
    const user = userEvent.setup();
    const { api } = renderDialog();
    await user.click(screen.getByRole("button", { name: "Apply 1 operation" }));

    const dialog = screen.getByRole("dialog", { name: "Applying the plan" });
    expect(within(dialog).queryByRole("list", { name: "Planned operations" })).not.toBeInTheDocument();
    expect(within(dialog).getByRole("status")).toHaveTextContent("Starting the run");

    act(() => {
      api.emit("run.started", { seq: 1, type: "run.started", time: "", data: { runId: 5, trigger: "manual" } });
      api.emit("run.progress", {
        seq: 2,
        type: "run.progress",
        time: "",
        data: { runId: 5, phase: "apply", read: 1, done: 1, total: 2, created: 1, updated: 0, deleted: 0, failed: 0, object: "Project" },
      });
    });
    const progress = within(dialog).getByRole("region", { name: "Sync progress" });
    expect(within(progress).getByRole("progressbar", { name: "Writing records" })).toHaveAttribute("aria-valuenow", "50");
    expect(within(progress).getByText("Created").nextSibling).toHaveTextContent("1");
    // The engine records the apply as a manual run, but the user clicked Apply in the preview, not Sync Now.
    expect(progress).toHaveTextContent("Applying the preview: Writing records");
    expect(progress).not.toHaveTextContent("Sync Now");

    await user.click(within(progress).getByRole("button", { name: "Cancel" }));
    expect(api.calls).toContain("runs.cancel");
  });

  it("names the window's progress bar after the preview too", async () => {
    const user = userEvent.setup();
    let resolve: (o: ApplyOutcome) => void = () => undefined;
    const api = fakeApi({
      runs: {
        apply: () =>
          new Promise<ApplyOutcome>((r) => {
            resolve = r;
          }),
      },
    });
    render(
      <ApiProvider api={api}>
        <App />
        <PreviewDialog plan={plan} onClose={() => undefined} />
      </ApiProvider>,
    );
    await user.click(screen.getByRole("button", { name: "Apply 1 operation" }));
    act(() => api.emit("run.started", { seq: 1, type: "run.started", time: "", data: { runId: 11, trigger: "manual" } }));

    const bars = screen.getAllByRole("region", { name: "Sync progress" });
    expect(bars).toHaveLength(2);
    for (const bar of bars) {
      expect(bar).toHaveTextContent("Applying the preview: Reading changes");
      expect(bar).not.toHaveTextContent("Sync Now");
    }

    act(() => resolve({ summary: { ...summary, runId: 11 }, replanned: false, reason: "" }));
    expect(await screen.findByRole("status", { name: "Applied" })).toBeInTheDocument();
    act(() => api.emit("run.finished", { seq: 2, type: "run.finished", time: "", data: { ...summary, runId: 11 } }));
    expect(screen.getByRole("status", { name: "Sync summary" })).toHaveTextContent("Preview apply · run 11");

    // A later Sync Now keeps its own name.
    act(() => api.emit("run.started", { seq: 3, type: "run.started", time: "", data: { runId: 12, trigger: "manual" } }));
    expect(screen.getByRole("region", { name: "Sync progress" })).toHaveTextContent("Sync Now: Reading changes");
  });

  it("shows the outcome with its counts when the run ends", async () => {
    const user = userEvent.setup();
    const { finish, closed } = renderDialog();
    await user.click(screen.getByRole("button", { name: "Apply 1 operation" }));
    finish({ summary, replanned: false });

    const applied = await screen.findByRole("status", { name: "Applied" });
    expect(applied).toHaveTextContent("Run 5 succeeded. Records: 1 created, 0 updated, 0 deleted, 0 failed.");
    await user.click(within(applied).getByRole("button", { name: "Close" }));
    expect(closed()).toBe(1);
  });

  it("leaves the run going when closed during Apply", async () => {
    const user = userEvent.setup();
    const { api, closed } = renderDialog();
    await user.click(screen.getByRole("button", { name: "Apply 1 operation" }));
    await user.keyboard("{Escape}");

    await waitFor(() => expect(closed()).toBe(1));
    expect(api.calls.some((c) => c.startsWith("runs.discard"))).toBe(false);
  });

  it("ignores a run started before Apply", async () => {
    const user = userEvent.setup();
    const { api } = renderDialog();
    act(() => {
      api.emit("run.started", { seq: 1, type: "run.started", time: "", data: { runId: 4, trigger: "schedule" } });
    });
    await user.click(screen.getByRole("button", { name: "Apply 1 operation" }));

    expect(screen.queryByRole("region", { name: "Sync progress" })).not.toBeInTheDocument();
    expect(screen.getByText(/Starting the run/)).toBeInTheDocument();
  });
});
