import { useMemo, useState } from "react";
import { useApi } from "../api/context";
import { EmptyState } from "../components/common/EmptyState";
import { ErrorNote } from "../components/common/ErrorNote";
import { GanttIcon } from "../components/common/icons";
import { ProjectPreview } from "../components/gantt/ProjectPreview";
import { filterEntries, pickerEntries, type PickerEntry } from "../components/gantt/projectPicker";
import { useLoad } from "../state/useLoad";

/** Returns an option's text: indented under its parent, with the Clarizen instance. */
function optionText(entry: PickerEntry): string {
  const indent = "\u00a0\u00a0\u00a0\u00a0".repeat(entry.depth);
  const mark = entry.depth > 0 ? "↳ " : "";
  return `${indent}${mark}${entry.label} · Clarizen ${entry.project.connection.replace("clarizen", "")}`;
}

/** Renders the Project preview screen: pick a linked project to see its Gantt chart and roadmap. */
export function PreviewScreen() {
  const api = useApi();
  const projects = useLoad(() => api.projects.linked(), [api]);
  const [chosen, setChosen] = useState<string>("");
  const [search, setSearch] = useState("");
  const [withSubProjects, setWithSubProjects] = useState(true);
  const list = projects.data ?? [];
  const entries = useMemo(() => pickerEntries(list), [list]);
  const hasSubProjects = entries.some((e) => e.depth > 0);
  const matching = filterEntries(entries, search, withSubProjects || !hasSubProjects);
  // Find narrows the picker, and the chart follows it: a chosen project that no longer matches gives way to the first match.
  const chosenEntry = entries.find((e) => e.key === chosen);
  const current = chosenEntry && matching.includes(chosenEntry) ? chosenEntry : matching[0];
  const project = current?.project;
  const plan = useLoad(
    () => (project ? api.projects.plan(project.connection, project.projectId, project.salesforceObject, project.salesforceId) : Promise.resolve(null)),
    [api, project?.connection, project?.projectId],
  );

  if (projects.error && !projects.data) return <ErrorNote error={projects.error} />;
  if (!projects.data) return <p className="muted">Loading the linked projects…</p>;
  if (list.length === 0) {
    return (
      <EmptyState icon={<GanttIcon />} title="No linked project yet">
        <p>
          Once a mapping of Clarizen projects has synced, pick a project here to see its work plan as a Gantt chart
          and its milestones as a roadmap, and open it in Clarizen or Salesforce.
        </p>
      </EmptyState>
    );
  }
  return (
    <div className="screen-stack">
      <div className="toolbar project-picker">
        <label className="inline-field">
          Find
          <input
            className="input"
            type="search"
            aria-label="Find a project"
            placeholder="Name, Clarizen or Salesforce id"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </label>
        <label className="inline-field project-picker__select">
          Project
          <select className="select" aria-label="Linked project" value={current?.key ?? ""} onChange={(e) => setChosen(e.target.value)}>
            {matching.map((entry) => (
              <option key={entry.key} value={entry.key}>
                {optionText(entry)}
              </option>
            ))}
          </select>
        </label>
        {hasSubProjects ? (
          <label className="checkbox">
            <input type="checkbox" checked={withSubProjects} onChange={(e) => setWithSubProjects(e.target.checked)} />
            Show sub-projects
          </label>
        ) : null}
        <span className="muted" data-testid="project-count">
          {search.trim() !== "" || matching.length !== entries.length
            ? `${matching.length} of ${list.length} linked projects`
            : `${list.length} linked projects`}
        </span>
      </div>
      {current ? (
        <>
          {plan.error ? <ErrorNote error={plan.error} /> : null}
          {plan.loading && !plan.data ? <p className="muted">Reading the work plan from Clarizen…</p> : null}
          {plan.data ? <ProjectPreview plan={plan.data} onOpenUrl={(u) => api.openUrl(u)} /> : null}
        </>
      ) : (
        <EmptyState icon={<GanttIcon />} title="No linked project matches">
          <p>
            {search.trim() !== "" ? `No project name, Clarizen id or Salesforce id contains “${search.trim()}”. ` : ""}
            Change the search{hasSubProjects && !withSubProjects ? " or show sub-projects" : ""} to pick a project.
          </p>
        </EmptyState>
      )}
    </div>
  );
}
