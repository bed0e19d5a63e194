import Gantt, { type GanttTask, type GanttViewMode } from "frappe-gantt";
import { useEffect, useRef, useState } from "react";
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

/** Returns the decade of a date as people write it, such as "2020s". */
export function decadeLabel(date: Date): string {
  const year = date.getFullYear();
  return `${year - (year % 10)}s`;
}

/**
 * The Year scale. frappe-gantt 1.2's own Year scale writes the decade as "2020" in the upper header row
 * above the years 2024 to 2029, which reads as a wrong year, so this one writes "2020s". The row cannot
 * stay empty because frappe-gantt looks up the upper text of the scrolled-to date while it renders.
 */
export const yearViewMode: GanttViewMode = {
  name: "Year",
  padding: "2y",
  step: "1y",
  column_width: 120,
  date_format: "YYYY",
  upper_text: (date, previous) => (!previous || decadeLabel(date) !== decadeLabel(previous) ? decadeLabel(date) : ""),
  lower_text: "YYYY",
  snap_at: "30d",
};

/** Space kept free below the chart, in pixels, for the page's bottom padding. */
const bottomGap = 24;
/** The smallest chart height, in pixels, on a short window or a chart far down the page. */
const minChartHeight = 280;
/** Room for the chart's horizontal scroll bar, in pixels, so that a chart that fits shows no vertical one. */
const scrollBarRoom = 18;

/** Returns the chart height that fills the window below el. */
function availableHeight(el: HTMLElement): number {
  return Math.max(minChartHeight, Math.floor(window.innerHeight - el.getBoundingClientRect().top - bottomGap));
}

/** Tracks the height available to el, again after each window resize. */
function useAvailableHeight(host: React.RefObject<HTMLDivElement | null>): number {
  const [height, setHeight] = useState(0);
  useEffect(() => {
    const measure = () => {
      if (host.current) setHeight(availableHeight(host.current));
    };
    measure();
    let frame = 0;
    const onResize = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(measure);
    };
    window.addEventListener("resize", onResize);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener("resize", onResize);
    };
  }, [host]);
  return height;
}

/**
 * Draws a read-only Gantt chart with frappe-gantt. Work item ids come from
 * Clarizen and may hold any character, so the chart uses its own ids
 * (w0, w1, ...) and keeps the real id in data-item on each bar. The chart
 * fills the window's height below it and scrolls inside only when its rows
 * need more.
 */
export function GanttChart({ rows, links, viewMode, label }: GanttChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const height = useAvailableHeight(host);

  useEffect(() => {
    const el = host.current;
    if (!el || rows.length === 0 || height === 0) return;

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
      view_modes: [viewMode === "Year" ? yearViewMode : viewMode],
      // The grid is at least this tall, and taller when its rows need more.
      container_height: height - scrollBarRoom,
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

    // frappe-gantt sizes its container to container_height. The horizontal scroll bar would then take
    // scrollBarRoom from the grid and add a vertical one, so the container gets the whole height.
    const container = el.querySelector<HTMLElement>(".gantt-container");
    if (container) container.style.height = `${height}px`;

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
  }, [rows, links, viewMode, height]);

  return <div ref={host} className="gantt-host" role="img" aria-label={label} data-testid="gantt-host" />;
}
