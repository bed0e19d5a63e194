import Gantt, { type GanttTask } from "frappe-gantt";
import { useEffect, useRef } from "react";
import { escapeHtml, type Link, type ScheduledItem } from "./ganttModel";

export interface GanttChartProps {
  rows: ScheduledItem[];
  /** Dependencies to draw, one arrow each; both ends must be in rows. */
  links: Link[];
  viewMode: "Day" | "Week" | "Month" | "Year";
  label: string;
}

function barClass(row: ScheduledItem): string {
  switch (row.item.kind) {
    case "milestone":
      return "wi-milestone";
    case "phase":
      return "wi-phase";
    case "project":
      return "wi-project";
    default:
      return "wi-task";
  }
}

/**
 * Draws a read-only Gantt chart with frappe-gantt. Work item ids come from
 * Clarizen and may hold any character, so the chart uses its own ids
 * (w0, w1, ...) and keeps the real id in data-item on each bar.
 */
export function GanttChart({ rows, links, viewMode, label }: GanttChartProps) {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = host.current;
    if (!el || rows.length === 0) return;

    const chartId = new Map<string, string>();
    rows.forEach((row, i) => chartId.set(row.item.id, `w${i}`));
    const depsOf = new Map<string, string[]>();
    for (const link of links) {
      const from = chartId.get(link.from);
      if (!from) continue;
      const list = depsOf.get(link.to) ?? [];
      list.push(from);
      depsOf.set(link.to, list);
    }

    const tasks: GanttTask[] = rows.map((row) => ({
      id: chartId.get(row.item.id) as string,
      name: escapeHtml(row.item.name),
      start: row.start,
      end: row.end,
      progress: Math.max(0, Math.min(100, row.item.progress)),
      dependencies: (depsOf.get(row.item.id) ?? []).join(","),
      custom_class: barClass(row),
    }));

    el.replaceChildren();
    new Gantt(el, tasks, {
      view_mode: viewMode,
      readonly: true,
      infinite_padding: false,
      scroll_to: "start",
      today_button: false,
      view_mode_select: false,
      popup_on: "click",
      bar_height: 24,
      padding: 14,
      lines: "both",
      // Weekend shading costs one DOM query per highlighted day for every
      // other highlighted day, which is slow on multi-year plans and adds
      // nothing to a read-only preview.
      holidays: {},
    });

    // Mark each bar with its work item and each arrow with its link type,
    // so that styles and tests can find them.
    rows.forEach((row, i) => {
      el.querySelector(`.bar-wrapper[data-id="w${i}"]`)?.setAttribute("data-item", row.item.id);
    });
    const typeOf = new Map(links.map((l) => [`${chartId.get(l.from)}>${chartId.get(l.to)}`, l.type]));
    el.querySelectorAll<SVGPathElement>(".arrow path").forEach((path) => {
      const type = typeOf.get(`${path.getAttribute("data-from")}>${path.getAttribute("data-to")}`) ?? "FS";
      path.setAttribute("data-type", type);
    });

    return () => el.replaceChildren();
  }, [rows, links, viewMode]);

  return <div ref={host} className="gantt-host" role="img" aria-label={label} data-testid="gantt-host" />;
}
