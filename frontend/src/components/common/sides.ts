import type { Direction, EventType, Side } from "../../api/types";

/** Returns the product name of a side, as admins call it. */
export function sideLabel(side: Side): string {
  return side === "salesforce" ? "Salesforce" : "Clarizen";
}

/** Returns a connection's name as the screens show it: "Salesforce", "Clarizen instance 2". */
export function connectionName(id: string): string {
  if (id === "salesforce") return "Salesforce";
  const m = /^clarizen(\d)$/.exec(id);
  return m ? `Clarizen instance ${m[1]}` : id;
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
