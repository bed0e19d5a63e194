import { describe, expect, it } from "vitest";
import type { WindowEvent } from "../api/types";
import { initialRunState, runReducer, type RunState } from "./runs";

function ev(seq: number, type: string, data: unknown): { type: "event"; event: WindowEvent } {
  return { type: "event", event: { seq, type, time: "", data } };
}

const progress = (runId: number, done: number) => ({ runId, phase: "apply", read: 0, done, total: 10, created: done, updated: 0, deleted: 0, failed: 0 });

describe("runReducer", () => {
  it("follows a run from start to summary", () => {
    let s: RunState = initialRunState;
    s = runReducer(s, ev(1, "run.started", { runId: 5, trigger: "schedule" }));
    s = runReducer(s, ev(2, "run.progress", progress(5, 4)));
    expect(s.run).toMatchObject({ runId: 5, trigger: "schedule", progress: { done: 4 } });
    s = runReducer(s, ev(3, "run.finished", { runId: 5, status: "succeeded", mappings: null }));
    expect(s.run?.summary).toMatchObject({ status: "succeeded", mappings: [], warnings: [], apiCalls: {} });
    expect(s.lastSeq).toBe(3);
  });

  it("ignores repeated and older events", () => {
    let s = runReducer(initialRunState, ev(5, "run.progress", progress(1, 5)));
    const before = s;
    s = runReducer(s, ev(5, "run.progress", progress(1, 1)));
    s = runReducer(s, ev(4, "run.progress", progress(1, 2)));
    expect(s).toBe(before);
  });

  it("leaves the run alone for a preview's progress and a dry run's summary", () => {
    let s = runReducer(initialRunState, ev(1, "run.started", { runId: 3, trigger: "manual" }));
    s = runReducer(s, ev(2, "run.progress", progress(0, 9)));
    s = runReducer(s, ev(3, "run.finished", { runId: 0, dryRun: true, status: "succeeded" }));
    expect(s.run).toMatchObject({ runId: 3, progress: { done: 0 } });
    expect(s.run?.summary).toBeUndefined();
  });

  it("shows a new run after the previous summary was closed", () => {
    let s = runReducer(initialRunState, ev(1, "run.finished", { runId: 1, status: "succeeded" }));
    s = runReducer(s, { type: "dismiss" });
    expect(s.dismissed).toBe(true);
    s = runReducer(s, ev(2, "run.started", { runId: 2, trigger: "manual" }));
    expect(s.dismissed).toBe(false);
    expect(s.run?.summary).toBeUndefined();
  });
});
