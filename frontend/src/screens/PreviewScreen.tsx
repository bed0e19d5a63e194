import { EmptyState } from "../components/common/EmptyState";
import { GanttIcon } from "../components/common/icons";

/** Renders the Project preview screen, which offers projects once a project mapping has synced. */
export function PreviewScreen() {
  return (
    <EmptyState icon={<GanttIcon />} title="No linked project yet">
      <p>
        When the Project ⇄ Clarizen Project mapping has synced, pick a project here to see its work plan as a Gantt chart
        and its milestones as a roadmap, and open it in Clarizen or Salesforce.
      </p>
    </EmptyState>
  );
}
