import type { Direction, EventType, Side } from "../../api/types";

/** Returns the product name of a side, as admins call it. */
export function sideLabel(side: Side): string {
  return side === "salesforce" ? "Salesforce" : "Clarizen";
}

export const directionLabels: Record<Direction, string> = {
  to_clarizen: "To Clarizen",
  from_clarizen: "From Clarizen",
};

export const eventTypeLabels: Record<EventType, string> = {
  create_only: "Create only",
  sync_only: "Sync only",
  create_and_sync: "Create and sync",
};
