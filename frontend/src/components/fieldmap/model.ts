// Plain-data model of the field-mapping editor: the mapping is a value,
// every edit is a typed change object, and applyChange returns a new value.
import type {
  Compatibility,
  CompatibilityTable,
  Direction,
  EventType,
  FieldInfo,
  FieldMap,
  FieldMapping,
  Problem,
  Side,
} from "../../api/types";

/** An edit of a mapping's field maps, as the editor emits it. */
export type FieldMapChange =
  | { type: "add"; fieldMap: FieldMap }
  | { type: "update"; id: string; patch: Partial<Pick<FieldMap, "enabled" | "direction" | "eventType">> }
  | { type: "remove"; id: string };

/** A field picked in one list (by drag, click or keyboard) and waiting for its partner. */
export interface PickedField {
  side: Side;
  field: FieldInfo;
}

/** Returns the mapping with the change applied; the input is never modified. */
export function applyChange(mapping: FieldMapping, change: FieldMapChange): FieldMapping {
  switch (change.type) {
    case "add":
      return { ...mapping, fieldMaps: [...mapping.fieldMaps, { ...change.fieldMap }] };
    case "update":
      return {
        ...mapping,
        fieldMaps: mapping.fieldMaps.map((m) => (m.id === change.id ? { ...m, ...change.patch } : m)),
      };
    case "remove":
      return { ...mapping, fieldMaps: mapping.fieldMaps.filter((m) => m.id !== change.id) };
  }
}

/** Returns the engine's table entry that lets values of kind from be written into a field of kind to. */
export function compatibilityOf(table: CompatibilityTable, from: string, to: string): Compatibility | undefined {
  return table.find((c) => c.from === from && c.to === to);
}

/**
 * Reports whether a field of the other list may be mapped to the picked
 * field. The picked field is the source: a Salesforce field picked first
 * is copied to Clarizen, a Clarizen field picked first is copied to
 * Salesforce.
 */
export function isOffered(table: CompatibilityTable, picked: PickedField, candidate: FieldInfo): boolean {
  return compatibilityOf(table, picked.field.kind, candidate.kind) !== undefined;
}

/**
 * Returns why a field cannot be the target of a field map, or undefined when
 * it can be written on create, on update or both. Calculated fields (formulas,
 * roll-ups) and fields that are neither createable nor updateable are read-only.
 */
export function unwritableReason(field: FieldInfo): string | undefined {
  if (field.calculated) {
    return "Calculated (read-only)";
  }
  if (!field.createable && !field.updateable) {
    return "Read-only";
  }
  return undefined;
}

/** Returns when a map into target can apply: only on create or only on update when the field allows just one. */
export function eventTypeFor(target: FieldInfo): EventType {
  if (target.createable && !target.updateable) {
    return "create_only";
  }
  if (!target.createable && target.updateable) {
    return "sync_only";
  }
  return "create_and_sync";
}

const nameFieldCandidates = ["Name", "Title", "Subject"];

/**
 * Returns the field that names a record of the object: Name, Title or
 * Subject when the object has one, else its first required text field.
 */
export function nameField(fields: FieldInfo[]): FieldInfo | undefined {
  for (const name of nameFieldCandidates) {
    const found = fields.find((f) => f.name === name);
    if (found) {
      return found;
    }
  }
  return fields.find((f) => f.required && f.kind === "string");
}

/** Returns "1 field", "2 fields": the count with the noun in singular or plural. */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** Reports whether a validation problem is a warning; a problem without a severity counts as an error. */
export function isWarning(p: Problem): boolean {
  return p.severity === "warning";
}

/** Returns the CSS class of a problem line: errors block enabling, warnings do not, and they look different. */
export function problemClass(p: Problem): string {
  return isWarning(p) ? "problem problem--warning" : "problem problem--error";
}

let sequence = 0;

/** Returns an id for a new field map, unique within this page. */
export function newFieldMapId(): string {
  sequence += 1;
  return `fm-${Date.now().toString(36)}-${sequence}`;
}

/**
 * Builds the field map that dropping `picked` on `target` creates. The
 * direction follows the drag: from the Salesforce list onto a Clarizen field
 * copies to Clarizen, the other way copies from Clarizen. A target field that
 * can be written only on create (or only on update) gets a map that applies
 * only then.
 */
export function fieldMapFor(picked: PickedField, target: FieldInfo, id = newFieldMapId()): FieldMap {
  const fromSalesforce = picked.side === "salesforce";
  const direction: Direction = fromSalesforce ? "to_clarizen" : "from_clarizen";
  const eventType = eventTypeFor(target);
  return {
    id,
    enabled: true,
    direction,
    salesforceField: fromSalesforce ? picked.field.name : target.name,
    clarizenField: fromSalesforce ? target.name : picked.field.name,
    eventType,
  };
}

/** Returns the fields whose label, API name or type contains the query, ignoring case. */
export function searchFields(fields: FieldInfo[], query: string): FieldInfo[] {
  const q = query.trim().toLowerCase();
  if (q === "") {
    return fields;
  }
  return fields.filter(
    (f) =>
      f.label.toLowerCase().includes(q) ||
      f.name.toLowerCase().includes(q) ||
      f.kind.toLowerCase().includes(q) ||
      f.nativeType.toLowerCase().includes(q),
  );
}

/** Counts how many field maps use each field of one side. */
export function usageCounts(mapping: FieldMapping, side: Side): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of mapping.fieldMaps) {
    const name = side === "salesforce" ? m.salesforceField : m.clarizenField;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}
