// Follows the setup that the desktop demo runs behind the window: its
// state when the window opens, then each "demo.setup" event.
import { useEffect, useState } from "react";
import type { DemoSetupState, LiaisonApi } from "../api/types";

/** Name of the event that carries the demo setup's new state. */
export const demoSetupEvent = "demo.setup";

function normalize(state: DemoSetupState): DemoSetupState {
  return { ...state, steps: state.steps ?? [] };
}

/**
 * Returns the demo setup's state, or null until it is known. Window events
 * may arrive out of order, so a state older than the one shown (by seq) is
 * dropped.
 */
export function useDemoSetup(api: LiaisonApi): DemoSetupState | null {
  const [state, setState] = useState<DemoSetupState | null>(null);

  useEffect(() => {
    let live = true;
    const apply = (next: DemoSetupState) => {
      if (!live) return;
      setState((shown) => (shown && shown.seq >= next.seq ? shown : normalize(next)));
    };
    const off = api.on<DemoSetupState>(demoSetupEvent, apply);
    api.demo.setup().then(apply, () => undefined);
    return () => {
      live = false;
      off();
    };
  }, [api]);

  return state;
}

/** Returns the status of one setup step, or undefined when the setup has no such step. */
export function stepStatus(state: DemoSetupState | null, id: string): string | undefined {
  return state?.steps.find((s) => s.id === id)?.status;
}
