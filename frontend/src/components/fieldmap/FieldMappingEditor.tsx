import { useMemo, useState } from "react";
import type {
  CompatibilityTable,
  Direction,
  EventType,
  FieldInfo,
  FieldMap,
  FieldMapping,
  ObjectInfo,
  Problem,
  Side,
} from "../../api/types";
import { directionLabels, eventTypeLabels, sideLabel } from "../common/sides";
import { FieldList } from "./FieldList";
import {
  fieldMapFor,
  isOffered,
  nameField,
  problemClass,
  searchFields,
  unwritableReason,
  usageCounts,
  type FieldMapChange,
  type PickedField,
} from "./model";

export interface FieldMappingEditorProps {
  mapping: FieldMapping;
  salesforceObject: ObjectInfo;
  clarizenObject: ObjectInfo;
  /** The engine's compatibility table, read at run time through a bound method. */
  compatibility: CompatibilityTable;
  /** The engine's validation problems for this mapping. */
  problems?: Problem[];
  onChange(change: FieldMapChange): void;
}

/**
 * Edits a mapping's field maps: drag a field from one list onto a field of
 * the other list (or pick one with Enter and press Enter on its partner),
 * then set each map's direction, event type and enabled state.
 */
export function FieldMappingEditor(props: FieldMappingEditorProps) {
  const { mapping, salesforceObject, clarizenObject, compatibility, onChange } = props;
  const problems = props.problems ?? [];
  const [picked, setPicked] = useState<PickedField | null>(null);
  const [queries, setQueries] = useState<Record<Side, string>>({ salesforce: "", clarizen: "" });
  const [announcement, setAnnouncement] = useState("");

  const objects: Record<Side, ObjectInfo> = { salesforce: salesforceObject, clarizen: clarizenObject };

  const visible = (side: Side): FieldInfo[] => {
    const found = searchFields(objects[side].fields, queries[side]);
    if (picked === null || picked.side === side) {
      return found;
    }
    return found.filter((f) => isOffered(compatibility, picked, f));
  };

  // Compatible fields of a target list that only the search hides.
  const hiddenBySearch = (side: Side): number => {
    if (picked === null || picked.side === side || queries[side].trim() === "") {
      return 0;
    }
    const compatible = objects[side].fields.filter((f) => isOffered(compatibility, picked, f)).length;
    return compatible - visible(side).length;
  };

  const pick = (side: Side, field: FieldInfo) => {
    if (picked?.side === side && picked.field.name === field.name) {
      cancel();
      return;
    }
    setPicked({ side, field });
    const other = side === "salesforce" ? "clarizen" : "salesforce";
    setAnnouncement(
      `${field.label} picked. In the ${sideLabel(other)} list, press Enter on a field to map it, or Escape to cancel.`,
    );
  };

  const target = (field: FieldInfo) => {
    if (picked === null) {
      return;
    }
    const fieldMap = fieldMapFor(picked, field);
    onChange({ type: "add", fieldMap });
    setAnnouncement(`Mapped ${picked.field.label} and ${field.label}.`);
    setPicked(null);
  };

  const refused = (field: FieldInfo, reason: string) => {
    setAnnouncement(`${field.label} cannot take ${picked?.field.label ?? "the picked field"}: ${reason.toLowerCase()}.`);
  };

  const cancel = () => {
    if (picked !== null) {
      setAnnouncement("Mapping cancelled.");
    }
    setPicked(null);
  };

  const usage = useMemo(
    () => ({ salesforce: usageCounts(mapping, "salesforce"), clarizen: usageCounts(mapping, "clarizen") }),
    [mapping],
  );

  const list = (side: Side) => (
    <FieldList
      side={side}
      objectLabel={objects[side].label}
      fields={visible(side)}
      totalCount={objects[side].fields.length}
      query={queries[side]}
      onQueryChange={(q) => setQueries((prev) => ({ ...prev, [side]: q }))}
      pickedName={picked?.side === side ? picked.field.name : null}
      targetMode={picked !== null && picked.side !== side}
      hiddenBySearch={hiddenBySearch(side)}
      refusal={unwritableReason}
      onRefused={refused}
      pickedElsewhere={picked ? `${picked.field.label} (${picked.field.nativeType})` : undefined}
      usage={usage[side]}
      problems={problems}
      onPick={(f) => pick(side, f)}
      onTarget={target}
      onCancel={cancel}
      onDragEnd={() => setPicked(null)}
    />
  );

  const generalProblems = problems.filter((p) => !p.fieldMapId && !p.field);

  return (
    <div className="fieldmap-editor">
      {generalProblems.length > 0 ? (
        <ul className="problem-list" aria-label="Mapping problems">
          {generalProblems.map((p) => (
            <li key={p.code + p.message} className={problemClass(p)}>
              {p.message}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="fieldmap-editor__help">
        Drag a field onto a field of the other list to map them. Only writable fields of a compatible type accept
        the drop.
        With the keyboard: press Enter on a field, move to the other list and press Enter on its partner.
      </p>
      <div className="fieldmap-editor__lists">
        {list("salesforce")}
        {list("clarizen")}
      </div>
      <p className="visually-hidden" aria-live="assertive">
        {announcement}
      </p>
      <FieldMapTable
        mapping={mapping}
        salesforceObject={salesforceObject}
        clarizenObject={clarizenObject}
        problems={problems}
        onChange={onChange}
      />
    </div>
  );
}

interface FieldMapTableProps {
  mapping: FieldMapping;
  salesforceObject: ObjectInfo;
  clarizenObject: ObjectInfo;
  problems: Problem[];
  onChange(change: FieldMapChange): void;
}

/** Returns "Case Subject" for a field of an object, or "Opportunity Name" when the label already starts with the object. */
function qualifiedLabel(object: ObjectInfo, field: FieldInfo): string {
  return field.label.startsWith(object.label) ? field.label : `${object.label} ${field.label}`;
}

function fieldLabel(object: ObjectInfo, name: string): string {
  return object.fields.find((f) => f.name === name)?.label ?? name;
}

/** Renders a mapping's field maps, one editable row each. */
function FieldMapTable({ mapping, salesforceObject, clarizenObject, problems, onChange }: FieldMapTableProps) {
  if (mapping.fieldMaps.length === 0) {
    const sfName = nameField(salesforceObject.fields);
    const czName = nameField(clarizenObject.fields);
    return (
      <div className="empty-state empty-state--compact">
        <p className="empty-state__title">No field maps yet</p>
        <p>
          {sfName && czName
            ? `Map at least the name field, for example ${qualifiedLabel(salesforceObject, sfName)} to ${qualifiedLabel(clarizenObject, czName)}, so that new records get a name on the other side.`
            : "Map at least the field that names a record, so that new records get a name on the other side."}
        </p>
      </div>
    );
  }
  return (
    <table className="table fieldmap-table" aria-label="Field maps">
      <thead>
        <tr>
          <th scope="col">Enabled</th>
          <th scope="col">Salesforce field</th>
          <th scope="col">Direction</th>
          <th scope="col">Clarizen field</th>
          <th scope="col">Applies on</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {mapping.fieldMaps.map((m) => (
          <FieldMapRow
            key={m.id}
            fieldMap={m}
            salesforceLabel={fieldLabel(salesforceObject, m.salesforceField)}
            clarizenLabel={fieldLabel(clarizenObject, m.clarizenField)}
            problems={problems.filter((p) => p.fieldMapId === m.id)}
            onChange={onChange}
          />
        ))}
      </tbody>
    </table>
  );
}

interface FieldMapRowProps {
  fieldMap: FieldMap;
  salesforceLabel: string;
  clarizenLabel: string;
  problems: Problem[];
  onChange(change: FieldMapChange): void;
}

function FieldMapRow({ fieldMap: m, salesforceLabel, clarizenLabel, problems, onChange }: FieldMapRowProps) {
  const name = `${salesforceLabel} and ${clarizenLabel}`;
  const problemId = problems.length > 0 ? `problems-${m.id}` : undefined;
  return (
    <>
      <tr
        className={[m.enabled ? "" : "row--disabled", problems.length > 0 ? "row--invalid" : ""].join(" ")}
        data-fieldmap={m.id}
        aria-describedby={problemId}
      >
        <td>
          <input
            type="checkbox"
            checked={m.enabled}
            aria-label={`Enable the map of ${name}`}
            onChange={(e) => onChange({ type: "update", id: m.id, patch: { enabled: e.target.checked } })}
          />
        </td>
        <td>
          <span className="cell-main">{salesforceLabel}</span>
          <span className="cell-sub">{m.salesforceField}</span>
        </td>
        <td>
          <select
            className="select"
            value={m.direction}
            aria-label={`Direction of the map of ${name}`}
            onChange={(e) =>
              onChange({ type: "update", id: m.id, patch: { direction: e.target.value as Direction } })
            }
          >
            {(Object.keys(directionLabels) as Direction[]).map((d) => (
              <option key={d} value={d}>
                {d === "to_clarizen" ? "→ " : "← "}
                {directionLabels[d]}
              </option>
            ))}
          </select>
        </td>
        <td>
          <span className="cell-main">{clarizenLabel}</span>
          <span className="cell-sub">{m.clarizenField}</span>
        </td>
        <td>
          <select
            className="select"
            value={m.eventType}
            aria-label={`When the map of ${name} applies`}
            onChange={(e) =>
              onChange({ type: "update", id: m.id, patch: { eventType: e.target.value as EventType } })
            }
          >
            {(Object.keys(eventTypeLabels) as EventType[]).map((t) => (
              <option key={t} value={t}>
                {eventTypeLabels[t]}
              </option>
            ))}
          </select>
        </td>
        <td>
          <button
            type="button"
            className="button button--ghost button--danger"
            aria-label={`Remove the map of ${name}`}
            onClick={() => onChange({ type: "remove", id: m.id })}
          >
            Remove
          </button>
        </td>
      </tr>
      {problems.length > 0 ? (
        <tr className="problem-row">
          <td colSpan={6} id={problemId}>
            {problems.map((p) => (
              <span key={p.code + p.message} className={problemClass(p)} role="alert">
                {p.message}
              </span>
            ))}
          </td>
        </tr>
      ) : null}
    </>
  );
}
