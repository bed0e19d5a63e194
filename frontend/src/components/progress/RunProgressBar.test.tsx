import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { RunProgress } from "../../api/types";
import { RunProgressBar } from "./RunProgressBar";

const running: RunProgress = {
  runId: "run-7",
  phase: "apply",
  done: 150,
  total: 600,
  currentObject: "Opportunity",
  created: 100,
  updated: 45,
  deleted: 0,
  failed: 5,
  state: "running",
};

describe("RunProgressBar", () => {
  it("shows phase, counts, current object and percent", () => {
    render(<RunProgressBar progress={running} onCancel={() => undefined} />);
    const bar = screen.getByRole("progressbar", { name: "Writing records" });
    expect(bar).toHaveAttribute("aria-valuenow", "25");
    expect(screen.getByText("150 of 600 · Opportunity")).toBeInTheDocument();
    expect(screen.getByText("Failed").nextSibling).toHaveTextContent("5");
  });

  it("is indeterminate before the total is known", () => {
    render(<RunProgressBar progress={{ ...running, phase: "detect", done: 0, total: 0 }} onCancel={() => undefined} />);
    expect(screen.getByRole("progressbar", { name: "Reading changes" })).not.toHaveAttribute("aria-valuenow");
    expect(screen.getByText(/Counting records/)).toBeInTheDocument();
  });

  it("cancels the run by id", async () => {
    const user = userEvent.setup();
    const cancelled: string[] = [];
    render(<RunProgressBar progress={running} onCancel={(id) => cancelled.push(id)} />);
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(cancelled).toEqual(["run-7"]);
  });

  it("summarises a run that ended with failures", () => {
    render(
      <RunProgressBar
        progress={{ ...running, done: 600, state: "succeeded", message: "Stopped early: 10% of the daily API budget is kept in reserve." }}
        onCancel={() => undefined}
      />,
    );
    const summary = screen.getByRole("status", { name: "Sync summary" });
    expect(summary).toHaveTextContent("Sync finished with failures");
    expect(summary).toHaveTextContent("600 of 600 operations");
    expect(summary).toHaveTextContent("Stopped early");
    expect(screen.queryByRole("button", { name: "Cancel" })).not.toBeInTheDocument();
  });

  it("summarises a cancelled run", () => {
    render(<RunProgressBar progress={{ ...running, failed: 0, state: "cancelled" }} onCancel={() => undefined} />);
    expect(screen.getByRole("status", { name: "Sync summary" })).toHaveTextContent("Sync cancelled");
  });
});
