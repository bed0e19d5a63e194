// Turns a project's work plan into the rows a Gantt chart draws. Items
// without dates cannot have a bar, so they and the dependencies that touch
// them are returned apart for the "Not scheduled" list.
import type { Dependency, ProjectPlan, WorkItem } from "../../api/types";

/** A work item with the dates it is drawn with. */
export interface ScheduledItem {
  item: WorkItem;
  /** Nesting depth below the project, 0 for top-level items. */
  depth: number;
  start: string;
  end: string;
  /** True when the dates were derived from the item's children. */
  derived: boolean;
}

/** A dependency between two items, with both ends by id. */
export interface Link {
  from: string;
  to: string;
  type: Dependency["type"];
}

export interface GanttRows {
  scheduled: ScheduledItem[];
  unscheduled: WorkItem[];
  /** Dependencies whose two ends both have a bar: one arrow each. */
  drawn: Link[];
  /** Dependencies that touch an unscheduled or unknown item. */
  undrawn: Link[];
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

function validDate(value: string | undefined): string | undefined {
  return value !== undefined && datePattern.test(value) ? value : undefined;
}

/** Orders items depth-first under their parents, keeping the plan's order among siblings. */
function treeOrder(items: WorkItem[]): { item: WorkItem; depth: number }[] {
  const ids = new Set(items.map((i) => i.id));
  const children = new Map<string, WorkItem[]>();
  const roots: WorkItem[] = [];
  for (const item of items) {
    if (item.parentId !== undefined && item.parentId !== item.id && ids.has(item.parentId)) {
      const list = children.get(item.parentId) ?? [];
      list.push(item);
      children.set(item.parentId, list);
    } else {
      roots.push(item);
    }
  }
  const out: { item: WorkItem; depth: number }[] = [];
  const seen = new Set<string>();
  const visit = (item: WorkItem, depth: number) => {
    if (seen.has(item.id)) return; // a parent cycle in bad data
    seen.add(item.id);
    out.push({ item, depth });
    for (const child of children.get(item.id) ?? []) visit(child, depth + 1);
  };
  for (const root of roots) visit(root, 0);
  // Items caught in a parent cycle have no root; show them at the top level.
  for (const item of items) if (!seen.has(item.id)) visit(item, 0);
  return out;
}

/**
 * Returns each item's dates: its own, or for a phase or project without
 * dates the span of its dated descendants. A single date stands for both
 * start and end.
 */
function resolveDates(items: WorkItem[]): Map<string, { start: string; end: string; derived: boolean }> {
  const byParent = new Map<string, WorkItem[]>();
  for (const item of items) {
    if (item.parentId === undefined) continue;
    const list = byParent.get(item.parentId) ?? [];
    list.push(item);
    byParent.set(item.parentId, list);
  }
  const result = new Map<string, { start: string; end: string; derived: boolean }>();
  const visiting = new Set<string>();

  const resolve = (item: WorkItem): { start: string; end: string; derived: boolean } | undefined => {
    const known = result.get(item.id);
    if (known) return known;
    if (visiting.has(item.id)) return undefined;
    visiting.add(item.id);

    const start = validDate(item.start);
    const end = validDate(item.end);
    let dates: { start: string; end: string; derived: boolean } | undefined;
    if (start !== undefined || end !== undefined) {
      const s = start ?? (end as string);
      const e = end ?? s;
      dates = e < s ? { start: e, end: s, derived: false } : { start: s, end: e, derived: false };
    } else if (item.kind === "phase" || item.kind === "project") {
      for (const child of byParent.get(item.id) ?? []) {
        const c = resolve(child);
        if (!c) continue;
        dates = dates
          ? { start: c.start < dates.start ? c.start : dates.start, end: c.end > dates.end ? c.end : dates.end, derived: true }
          : { start: c.start, end: c.end, derived: true };
      }
    }
    visiting.delete(item.id);
    if (dates) result.set(item.id, dates);
    return dates;
  };

  for (const item of items) resolve(item);
  return result;
}

/** Splits a plan into scheduled rows, unscheduled items and the dependency arrows to draw. */
export function ganttRows(plan: ProjectPlan): GanttRows {
  const dates = resolveDates(plan.items);
  const scheduled: ScheduledItem[] = [];
  const unscheduled: WorkItem[] = [];
  for (const { item, depth } of treeOrder(plan.items)) {
    const d = dates.get(item.id);
    if (d) scheduled.push({ item, depth, ...d });
    else unscheduled.push(item);
  }

  const hasBar = new Set(scheduled.map((s) => s.item.id));
  const drawn: Link[] = [];
  const undrawn: Link[] = [];
  for (const item of plan.items) {
    for (const dep of item.dependencies) {
      const link = { from: dep.predecessorId, to: item.id, type: dep.type };
      if (hasBar.has(link.from) && hasBar.has(link.to) && link.from !== link.to) drawn.push(link);
      else undrawn.push(link);
    }
  }
  return { scheduled, unscheduled, drawn, undrawn };
}

/** Returns the milestones and top-level phases that a roadmap shows. */
export function roadmapRows(rows: GanttRows): ScheduledItem[] {
  return rows.scheduled.filter((s) => s.item.kind === "milestone" || (s.item.kind === "phase" && s.depth <= 1));
}

/** Picks the time scale that fits the plan's span on screen. */
export function viewModeFor(items: ScheduledItem[]): "Day" | "Week" | "Month" | "Year" {
  if (items.length === 0) return "Week";
  let start = items[0]!.start;
  let end = items[0]!.end;
  for (const s of items) {
    if (s.start < start) start = s.start;
    if (s.end > end) end = s.end;
  }
  const days = (Date.parse(end) - Date.parse(start)) / 86_400_000;
  if (days <= 45) return "Day";
  if (days <= 270) return "Week";
  if (days <= 1460) return "Month";
  return "Year";
}

/** Escapes text for frappe-gantt, which writes task names into the page as HTML. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}
