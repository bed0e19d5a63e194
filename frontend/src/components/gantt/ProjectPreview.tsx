import { useMemo, useState } from "react";
import type { ApiError, ProjectPlan, WorkItem } from "../../api/types";
import { BrowserFailure } from "../common/BrowserFailure";
import { errorOf } from "../common/ErrorNote";
import { GanttChart } from "./GanttChart";
import { ganttRows, roadmapRows, viewModeFor, type Link } from "./ganttModel";

export interface ProjectPreviewProps {
  plan: ProjectPlan;
  /** Opens an address in the system browser through the Go side; a rejection shows the address to copy. */
  onOpenUrl(address: string): void | Promise<void>;
}

type ViewMode = "Day" | "Week" | "Month" | "Year";
const viewModes: ViewMode[] = ["Day", "Week", "Month", "Year"];

const kindLabels: Record<WorkItem["kind"], string> = {
  project: "Project",
  phase: "Phase",
  task: "Task",
  milestone: "Milestone",
};

/** Shows a linked Clarizen project's work plan as a Gantt chart and its milestones as a roadmap. */
export function ProjectPreview({ plan, onOpenUrl }: ProjectPreviewProps) {
  const [tab, setTab] = useState<"gantt" | "roadmap">("gantt");
  const rows = useMemo(() => ganttRows(plan), [plan]);
  const roadmap = useMemo(() => roadmapRows(rows), [rows]);
  const shownRows = tab === "gantt" ? rows.scheduled : roadmap;
  const [viewMode, setViewMode] = useState<ViewMode | null>(null);
  const mode = viewMode ?? viewModeFor(shownRows);
  const noLinks = useMemo<Link[]>(() => [], []);
  const names = useMemo(() => new Map(plan.items.map((i) => [i.id, i.name])), [plan.items]);
  const [openFailure, setOpenFailure] = useState<{ address: string; error: ApiError } | null>(null);

  const open = async (address: string | undefined) => {
    if (!address) return;
    setOpenFailure(null);
    try {
      await onOpenUrl(address);
    } catch (err) {
      setOpenFailure({ address, error: errorOf(err) });
    }
  };

  return (
    <section className="project-preview" aria-label={`Project preview of ${plan.name}`}>
      <header className="project-preview__header">
        <div>
          <h2 className="project-preview__title">{plan.name}</h2>
          <p className="muted" data-testid="plan-counts">
            {plan.items.length} work items · {rows.drawn.length + rows.undrawn.length} dependencies ·{" "}
            {rows.scheduled.filter((s) => s.item.kind === "milestone").length} milestones
          </p>
        </div>
        <div className="button-row">
          <button
            type="button"
            className="button"
            disabled={!plan.clarizenUrl}
            onClick={() => void open(plan.clarizenUrl)}
          >
            View in Clarizen
          </button>
          <button
            type="button"
            className="button"
            disabled={!plan.salesforceUrl}
            onClick={() => void open(plan.salesforceUrl)}
          >
            View in Salesforce
          </button>
        </div>
      </header>
      {openFailure ? <BrowserFailure address={openFailure.address} error={openFailure.error} onDismiss={() => setOpenFailure(null)} /> : null}

      <div className="toolbar">
        <div className="tabs" role="tablist" aria-label="Preview">
          <button type="button" role="tab" aria-selected={tab === "gantt"} className="tabs__tab" onClick={() => setTab("gantt")}>
            Gantt
          </button>
          <button type="button" role="tab" aria-selected={tab === "roadmap"} className="tabs__tab" onClick={() => setTab("roadmap")}>
            Roadmap
          </button>
        </div>
        <span className="toolbar__spacer" />
        <div className="segmented" role="group" aria-label="Time scale">
          {viewModes.map((m) => (
            <button key={m} type="button" className="segmented__item" aria-pressed={mode === m} onClick={() => setViewMode(m)}>
              {m}
            </button>
          ))}
        </div>
      </div>

      <div role="tabpanel" aria-label={tab === "gantt" ? "Gantt" : "Roadmap"}>
        {shownRows.length === 0 ? (
          <div className="empty-state empty-state--compact">
            <p className="empty-state__title">{tab === "gantt" ? "No dated work items" : "No milestones"}</p>
            <p>
              {tab === "gantt"
                ? "Give the project's tasks start and due dates in Clarizen; the chart shows them after the next sync."
                : "Add milestones to the project in Clarizen; the roadmap shows them after the next sync."}
            </p>
          </div>
        ) : (
          <GanttChart
            rows={shownRows}
            links={tab === "gantt" ? rows.drawn : noLinks}
            viewMode={mode}
            label={tab === "gantt" ? `Gantt chart of ${plan.name}` : `Roadmap of ${plan.name}`}
          />
        )}
      </div>

      {tab === "gantt" && rows.unscheduled.length > 0 ? (
        <section className="unscheduled" aria-label="Not scheduled">
          <h3>Not scheduled</h3>
          <p className="muted">These work items have no dates in Clarizen, so the chart has no bar or arrow for them.</p>
          <ul>
            {rows.unscheduled.map((item) => {
              const predecessors = rows.undrawn.filter((l) => l.to === item.id);
              const successors = rows.undrawn.filter((l) => l.from === item.id);
              return (
                <li key={item.id}>
                  <span className="op-badge">{kindLabels[item.kind]}</span> {item.name}
                  {predecessors.length > 0 ? (
                    <span className="muted">
                      {" "}
                      · depends on {predecessors.map((l) => `${names.get(l.from) ?? l.from} (${l.type})`).join(", ")}
                    </span>
                  ) : null}
                  {successors.length > 0 ? (
                    <span className="muted">
                      {" "}
                      · comes before {successors.map((l) => `${names.get(l.to) ?? l.to} (${l.type})`).join(", ")}
                    </span>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
