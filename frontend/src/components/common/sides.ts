import type { Direction, EventType, Side } from "../../api/types";

/** Returns the product name of a side, as admins call it. */
export function sideLabel(side: Side): string {
  return side === "salesforce" ? "Salesforce" : "Clarizen";
}

export const directionLabels: Record<Direction, string> = {
  toClarizen: "To Clarizen",
  fromClarizen: "From Clarizen",
};

export const eventTypeLabels: Record<EventType, string> = {
  create: "Create only",
  sync: "Sync only",
  createAndSync: "Create and sync",
};
