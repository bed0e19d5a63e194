// Orders and names the linked projects of the Project preview's picker:
// sub-projects under their parent, and duplicate names made distinct.
import type { LinkedProject } from "../../api/types";

/** One entry of the project picker. */
export interface PickerEntry {
  key: string;
  project: LinkedProject;
  /** Nesting below a linked parent project, 0 for a top-level project. */
  depth: number;
  /** The option's text: the name, with the Salesforce record id when another project has the same name. */
  label: string;
}

/** Returns the picker's key of a linked project: its connection and Clarizen id. */
export function projectKey(p: LinkedProject): string {
  return `${p.connection}|${p.projectId}`;
}

function byName(a: LinkedProject, b: LinkedProject): number {
  return a.name.localeCompare(b.name, undefined, { sensitivity: "base" }) || a.projectId.localeCompare(b.projectId);
}

/**
 * Orders projects depth-first, each sub-project under its parent when the parent is linked too, siblings by
 * name. A project whose parent is not in the list is shown at the top level.
 */
export function pickerEntries(projects: LinkedProject[]): PickerEntry[] {
  const keys = new Set(projects.map(projectKey));
  const parentKey = (p: LinkedProject) => (p.parentId ? `${p.connection}|${p.parentId}` : "");
  const children = new Map<string, LinkedProject[]>();
  const roots: LinkedProject[] = [];
  for (const p of projects) {
    const parent = parentKey(p);
    if (parent && parent !== projectKey(p) && keys.has(parent)) {
      children.set(parent, [...(children.get(parent) ?? []), p]);
    } else {
      roots.push(p);
    }
  }

  const nameCount = new Map<string, number>();
  for (const p of projects) {
    const name = p.name.trim().toLowerCase();
    nameCount.set(name, (nameCount.get(name) ?? 0) + 1);
  }
  const labelOf = (p: LinkedProject) => {
    if ((nameCount.get(p.name.trim().toLowerCase()) ?? 0) < 2) return p.name;
    return `${p.name} (${p.salesforceId ? `${p.salesforceObject || "Salesforce"} ${p.salesforceId}` : p.projectId})`;
  };

  const out: PickerEntry[] = [];
  const seen = new Set<string>();
  const visit = (p: LinkedProject, depth: number) => {
    const key = projectKey(p);
    if (seen.has(key)) return; // a parent cycle in bad data
    seen.add(key);
    out.push({ key, project: p, depth, label: labelOf(p) });
    for (const child of [...(children.get(key) ?? [])].sort(byName)) visit(child, depth + 1);
  };
  for (const p of [...roots].sort(byName)) visit(p, 0);
  // Projects only reachable through a parent cycle.
  for (const p of projects) visit(p, 0);
  return out;
}

/** Keeps the entries whose name, Clarizen id or Salesforce record id contains the search text, ignoring case. */
export function filterEntries(entries: PickerEntry[], search: string, withSubProjects: boolean): PickerEntry[] {
  const text = search.trim().toLowerCase();
  return entries.filter((e) => {
    if (!withSubProjects && e.depth > 0) return false;
    if (text === "") return true;
    const p = e.project;
    return [p.name, p.projectId, p.salesforceId].some((v) => v.toLowerCase().includes(text));
  });
}
