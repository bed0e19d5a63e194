// Converts jsGantt-improved project plans (the test fixtures under
// fixtures/jsgantt) into Liaison's ProjectPlan shape.
import type { Dependency, ProjectPlan, WorkItem } from "../api/types";

/** One task row as jsGantt reads it. */
export interface JsGanttRow {
  pID: number | string;
  pName: string;
  pStart?: string | null;
  pEnd?: string | null;
  pParent: number | string;
  pGroup: number;
  pMile?: number | null;
  pComp: number;
  pDepend?: number | string | null;
  pDuration?: string;
}

function isoDate(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const m = /^(\d{4})[-/](\d{2})[-/](\d{2})/.exec(value);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Splits a pDepend value ("123SS", "A342,343", 121) into dependencies. */
export function parseDepends(value: JsGanttRow["pDepend"]): Dependency[] {
  if (value === undefined || value === null) return [];
  return String(value)
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) => {
      const m = /^(.*?)(FS|SS|FF|SF)?$/.exec(part) as RegExpExecArray;
      return { predecessorId: m[1] as string, type: (m[2] ?? "FS") as Dependency["type"] };
    });
}

function toItem(row: JsGanttRow): WorkItem {
  const start = isoDate(row.pStart);
  let end = isoDate(row.pEnd);
  const days = /^(\d+)\s*days?$/.exec(row.pDuration ?? "");
  if (start && !end && days) end = addDays(start, Number(days[1]) - 1);
  let kind: WorkItem["kind"] = "task";
  if (row.pGroup > 0) {
    kind = "phase";
  } else if (row.pMile === 1) {
    kind = "milestone";
  }
  const parent = String(row.pParent);
  return {
    id: String(row.pID),
    name: row.pName,
    kind,
    parentId: parent === "0" ? undefined : parent,
    start,
    end,
    progress: row.pComp,
    dependencies: parseDepends(row.pDepend),
  };
}

/** Builds a ProjectPlan from jsGantt rows. */
export function planFromJsGantt(name: string, rows: JsGanttRow[]): ProjectPlan {
  return {
    projectId: name,
    name,
    items: rows.map(toItem),
    clarizenUrl: "https://app.clarizen.test/Project/" + encodeURIComponent(name),
    salesforceUrl: "https://example.my.salesforce.test/lightning/r/Clarizen_Project__c/a0B000000000001/view",
  };
}
