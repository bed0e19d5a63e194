// Small building blocks the mapping and event editors share.
import type { ReactNode } from "react";
import type { FieldInfo, ObjectSummary, Problem } from "../../api/types";
import { isWarning, problemClass } from "../../components/fieldmap/model";

/** Returns the problems the engine placed at a part of the definition ("name", "links[0]", ...). */
export function problemsAt(problems: Problem[], part: string): Problem[] {
  return problems.filter((p) => p.part === part || p.part?.startsWith(`${part}.`));
}

/** Lists problems next to the control they concern. */
export function Problems({ problems, label }: { problems: Problem[]; label?: string }) {
  if (problems.length === 0) return null;
  return (
    <ul className="problem-list problem-list--inline" aria-label={label ?? "Problems"}>
      {problems.map((p, i) => (
        <li key={i} className={problemClass(p)} role="alert">
          {p.message} {p.fix ? <span className="problem__fix">{p.fix}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * Renders a labelled control with its help and its problems. part names the
 * definition's part the control edits ("name", "clarizenKeyField"), so the
 * validation summary can move to it.
 */
export function FormRow({
  label,
  help,
  part,
  problems = [],
  children,
}: {
  label: string;
  help?: string;
  part?: string;
  problems?: Problem[];
  children: ReactNode;
}) {
  return (
    <label className={`form-field${problems.some((p) => !isWarning(p)) ? " form-field--invalid" : ""}`} data-part={part}>
      <span className="form-field__label">{label}</span>
      {children}
      {help ? <span className="form-help">{help}</span> : null}
      <Problems problems={problems} label={`Problems of ${label}`} />
    </label>
  );
}

/** Renders a select of object types that keeps the current value even when the list does not have it. */
export function ObjectSelect({
  label,
  objects,
  value,
  onChange,
  disabled,
}: {
  label: string;
  objects: ObjectSummary[];
  value: string;
  onChange(name: string): void;
  disabled?: boolean;
}) {
  const known = objects.some((o) => o.name === value);
  return (
    <select className="select" aria-label={label} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
      <option value="">Choose…</option>
      {!known && value !== "" ? <option value={value}>{value}</option> : null}
      {objects.map((o) => (
        <option key={o.name} value={o.name}>
          {o.label === o.name ? o.name : `${o.label} (${o.name})`}
        </option>
      ))}
    </select>
  );
}

/** Renders a select of an object's fields, optionally narrowed by filter, that keeps an unknown current value. */
export function FieldSelect({
  label,
  fields,
  value,
  onChange,
  filter,
  allowEmpty = true,
}: {
  label: string;
  fields: FieldInfo[];
  value: string;
  onChange(name: string): void;
  filter?(f: FieldInfo): boolean;
  allowEmpty?: boolean;
}) {
  const shown = filter ? fields.filter(filter) : fields;
  const known = shown.some((f) => f.name === value);
  return (
    <select className="select" aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      {allowEmpty ? <option value="">Choose a field…</option> : null}
      {!known && value !== "" ? <option value={value}>{value}</option> : null}
      {shown.map((f) => (
        <option key={f.name} value={f.name}>
          {f.label} ({f.name})
        </option>
      ))}
    </select>
  );
}

/** Moves the item at index by delta (−1 up, +1 down) and returns a new list. */
export function move<T>(list: T[], index: number, delta: number): T[] {
  const to = index + delta;
  if (to < 0 || to >= list.length) return list;
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(to, 0, item as T);
  return next;
}

let idSequence = 0;

/** Returns an id for a new list element of a definition, unique within this page. */
export function newId(prefix: string): string {
  idSequence += 1;
  return `${prefix}-${Date.now().toString(36)}-${idSequence}`;
}
