import { useState } from "react";
import { useApi } from "../api/context";
import type { LinkedProject } from "../api/types";
import { EmptyState } from "../components/common/EmptyState";
import { ErrorNote } from "../components/common/ErrorNote";
import { GanttIcon } from "../components/common/icons";
import { ProjectPreview } from "../components/gantt/ProjectPreview";
import { useLoad } from "../state/useLoad";

function keyOf(p: LinkedProject): string {
  return `${p.connection}|${p.projectId}`;
}

/** Renders the Project preview screen: pick a linked project to see its Gantt chart and roadmap. */
export function PreviewScreen() {
  const api = useApi();
  const projects = useLoad(() => api.projects.linked(), [api]);
  const [chosen, setChosen] = useState<string>("");
  const list = projects.data ?? [];
  const current = list.find((p) => keyOf(p) === chosen) ?? list[0];
  const plan = useLoad(
    () => (current ? api.projects.plan(current.connection, current.projectId, current.salesforceObject, current.salesforceId) : Promise.resolve(null)),
    [api, current?.connection, current?.projectId],
  );

  if (projects.error && !projects.data) return <ErrorNote error={projects.error} />;
  if (!projects.data) return <p className="muted">Loading the linked projects…</p>;
  if (list.length === 0) {
    return (
      <EmptyState icon={<GanttIcon />} title="No linked project yet">
        <p>
          When the Project ⇄ Clarizen Project mapping has synced, pick a project here to see its work plan as a Gantt chart
          and its milestones as a roadmap, and open it in Clarizen or Salesforce.
        </p>
      </EmptyState>
    );
  }
  return (
    <div className="screen-stack">
      <div className="toolbar">
        <label className="inline-field">
          Project
          <select className="select" aria-label="Linked project" value={current ? keyOf(current) : ""} onChange={(e) => setChosen(e.target.value)}>
            {list.map((p) => (
              <option key={keyOf(p)} value={keyOf(p)}>
                {p.name} · Clarizen {p.connection.replace("clarizen", "")}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">{list.length} linked projects</span>
      </div>
      {plan.error ? <ErrorNote error={plan.error} /> : null}
      {plan.loading && !plan.data ? <p className="muted">Reading the work plan from Clarizen…</p> : null}
      {plan.data ? <ProjectPreview plan={plan.data} onOpenUrl={(u) => void api.openUrl(u)} /> : null}
    </div>
  );
}
