import type { RegistryFilter, RegistryRow, RegistryState } from "../../api/types";

export const registryStates: RegistryState[] = ["Pending", "Success", "Failed"];

export const emptyRegistryFilter: RegistryFilter = { states: [], mapping: "", object: "", from: "", to: "", text: "" };

/** Returns the local calendar date (YYYY-MM-DD) of an RFC 3339 time. */
export function localDate(time: string): string {
  const d = new Date(time);
  if (Number.isNaN(d.getTime())) {
    return "";
  }
  const month = String(d.getMonth() + 1).padStart(2, "0");
  const day = String(d.getDate()).padStart(2, "0");
  return `${d.getFullYear()}-${month}-${day}`;
}

/** Returns the rows that match every part of the filter, in their original order. */
export function filterRows(rows: RegistryRow[], filter: RegistryFilter): RegistryRow[] {
  const states = new Set(filter.states);
  const text = filter.text.trim().toLowerCase();
  const byDate = filter.from !== "" || filter.to !== "";
  return rows.filter((row) => {
    if (states.size > 0 && !states.has(row.state)) return false;
    if (filter.mapping !== "" && row.mapping !== filter.mapping) return false;
    if (filter.object !== "" && row.object !== filter.object) return false;
    if (byDate) {
      const day = localDate(row.time);
      if (filter.from !== "" && day < filter.from) return false;
      if (filter.to !== "" && day > filter.to) return false;
    }
    if (text !== "") {
      const haystack = [row.label ?? "", row.recordName, row.recordId, row.salesforceId ?? "", row.clarizenId ?? "", row.mapping, row.object, row.error ?? ""].join("\u0000");
      if (!haystack.toLowerCase().includes(text)) return false;
    }
    return true;
  });
}

/** Counts rows per state. */
export function countStates(rows: RegistryRow[]): Record<RegistryState, number> {
  const counts: Record<RegistryState, number> = { Pending: 0, Success: 0, Failed: 0 };
  for (const row of rows) {
    counts[row.state] += 1;
  }
  return counts;
}

/** Returns the distinct values of one column, sorted, for the filter menus. */
export function distinct(rows: RegistryRow[], key: "mapping" | "object"): string[] {
  return Array.from(new Set(rows.map((r) => r[key]))).sort((a, b) => a.localeCompare(b));
}
