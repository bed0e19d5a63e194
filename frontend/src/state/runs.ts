// Follows sync runs from the engine's run.* events: the newest run, with
// its latest progress report while it runs and its summary once it ended.
// A window that opens or reloads replays the events the engine still keeps
// (eventsSince), so a run that started earlier, scheduled or not, shows too.
import { useEffect, useReducer } from "react";
import type { LiaisonApi, RunProgressReport, RunSummary, RunView, WindowEvent } from "../api/types";

/** Names of the engine events the run tracker follows. */
export const runEvents = ["run.started", "run.progress", "run.finished"] as const;

export interface RunState {
  /** The newest run, or null before any run. */
  run: RunView | null;
  /** The newest sequence number applied; older or repeated events are ignored. */
  lastSeq: number;
  /** True once the user closed the newest run's summary. */
  dismissed: boolean;
}

export const initialRunState: RunState = { run: null, lastSeq: 0, dismissed: false };

export type RunAction = { type: "event"; event: WindowEvent } | { type: "dismiss" };

function emptyProgress(runId: number): RunProgressReport {
  return { runId, phase: "detect", read: 0, done: 0, total: 0, created: 0, updated: 0, deleted: 0, failed: 0 };
}

/** Fills the lists a summary from the engine may leave out when empty. */
export function normalizeSummary(raw: Partial<RunSummary> & { runId: number }): RunSummary {
  return {
    dryRun: false,
    status: "succeeded",
    startedAt: "",
    finishedAt: "",
    pending: 0,
    ...raw,
    mappings: raw.mappings ?? [],
    apiCalls: raw.apiCalls ?? {},
    warnings: raw.warnings ?? [],
  };
}

/** Applies one engine event to the run state. */
export function runReducer(state: RunState, action: RunAction): RunState {
  if (action.type === "dismiss") {
    return { ...state, dismissed: true };
  }
  const e = action.event;
  if (e.seq <= state.lastSeq) {
    return state;
  }
  const next = { ...state, lastSeq: e.seq };
  switch (e.type) {
    case "run.started": {
      const data = e.data as { runId: number; trigger?: string };
      return { ...next, dismissed: false, run: { runId: data.runId, trigger: data.trigger ?? "manual", progress: emptyProgress(data.runId) } };
    }
    case "run.progress": {
      const p = e.data as RunProgressReport;
      // Planning for a preview reports progress without a run id; it
      // belongs to no run and the preview shows it itself.
      if (!p.runId) return next;
      const run = state.run && state.run.runId === p.runId ? state.run : { runId: p.runId, trigger: "manual", progress: p };
      if (run.summary) return next;
      return { ...next, run: { ...run, progress: p } };
    }
    case "run.finished": {
      const s = normalizeSummary(e.data as RunSummary);
      if (s.dryRun || !s.runId) return next;
      const run = state.run && state.run.runId === s.runId ? state.run : { runId: s.runId, trigger: "manual", progress: emptyProgress(s.runId) };
      return { ...next, dismissed: false, run: { ...run, summary: s } };
    }
  }
  return next;
}

/** Follows the engine's runs through api: replays the kept events, then listens. */
export function useRuns(api: LiaisonApi): [RunState, () => void] {
  const [state, dispatch] = useReducer(runReducer, initialRunState);

  useEffect(() => {
    let live = true;
    const offs = runEvents.map((name) => api.on<WindowEvent>(name, (event) => dispatch({ type: "event", event })));
    api.eventsSince(0).then(
      (batch) => {
        if (!live) return;
        for (const event of batch.events) {
          if ((runEvents as readonly string[]).includes(event.type)) dispatch({ type: "event", event });
        }
      },
      () => undefined,
    );
    return () => {
      live = false;
      offs.forEach((off) => off());
    };
  }, [api]);

  return [state, () => dispatch({ type: "dismiss" })];
}
