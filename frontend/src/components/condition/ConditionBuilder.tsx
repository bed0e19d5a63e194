import { useState } from "react";
import type { ConditionProblem, FieldInfo, OperatorTable } from "../../api/types";
import {
  conditionText,
  resolveField,
  splitPath,
  takesList,
  takesNoValue,
  type ConditionNode,
  type GroupNode,
  type ParentFields,
  type RuleNode,
} from "./conditionText";

export interface ConditionBuilderProps {
  /** Fields of the triggering object, from the engine's describe. */
  fields: FieldInfo[];
  /** The engine's operators for each field kind. */
  operators: OperatorTable;
  initial?: GroupNode;
  /** The engine's problems with the current text. */
  problems?: ConditionProblem[];
  /**
   * Fields of the object a reference field points to. With it, the builder
   * offers the parent's fields through the relationship (Opportunity__r.Amount).
   */
  parentFields?: ParentFields;
  /** Receives the condition text (and the tree it came from) after each edit. */
  onChange(text: string, tree: GroupNode): void;
}

let nodeSequence = 0;
function nextId(prefix: string): string {
  nodeSequence += 1;
  return `${prefix}-${nodeSequence}`;
}

/** Returns an empty top-level group. */
export function emptyCondition(): GroupNode {
  return { type: "group", id: nextId("g"), join: "AND", negated: false, children: [newRule()] };
}

function newRule(): RuleNode {
  return { type: "rule", id: nextId("r"), field: "", op: "", value: "" };
}

function newGroup(): GroupNode {
  return { type: "group", id: nextId("g"), join: "OR", negated: false, children: [newRule()] };
}

/** Returns the tree with the node of the given id replaced by update(node), or removed when update returns null. */
function updateNode(node: ConditionNode, id: string, update: (n: ConditionNode) => ConditionNode | null): ConditionNode | null {
  if (node.id === id) {
    return update(node);
  }
  if (node.type === "rule") {
    return node;
  }
  const children = node.children
    .map((c) => updateNode(c, id, update))
    .filter((c): c is ConditionNode => c !== null);
  return { ...node, children };
}

/**
 * Builds a condition (Field op value, joined with AND, OR and NOT) from
 * fields and the operators their kind allows, and shows the resulting text
 * with the engine's problems.
 */
export function ConditionBuilder({ fields, operators, initial, problems = [], parentFields, onChange }: ConditionBuilderProps) {
  const [tree, setTree] = useState<GroupNode>(() => initial ?? emptyCondition());
  const text = conditionText(tree, fields, parentFields);

  const edit = (id: string, update: (n: ConditionNode) => ConditionNode | null) => {
    const next = updateNode(tree, id, update) as GroupNode;
    setTree(next);
    onChange(conditionText(next, fields, parentFields), next);
  };

  return (
    <div className="condition-builder">
      <GroupEditor group={tree} root fields={fields} operators={operators} parentFields={parentFields} edit={edit} />
      <div className="condition-builder__preview">
        <span className="condition-builder__preview-label" id="condition-text-label">
          Condition
        </span>
        <pre aria-labelledby="condition-text-label" data-testid="condition-text" className="code">
          {text === "" ? <span className="muted">Choose a field to start the condition.</span> : <MarkedText text={text} problems={problems} />}
        </pre>
        {problems.length > 0 ? (
          <ul className="problem-list" aria-label="Condition problems">
            {problems.map((p, i) => (
              <li key={i} className="problem" role="alert">
                {p.column > 0 ? `Column ${p.column}: ` : ""}
                {p.message}
                {p.fix ? <span className="problem__fix"> {p.fix}</span> : null}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}

/** Renders the condition text and marks the character at the first problem's column. */
function MarkedText({ text, problems }: { text: string; problems: ConditionProblem[] }) {
  const column = problems.find((p) => p.column > 0)?.column;
  if (column === undefined) {
    return <>{text}</>;
  }
  const chars = Array.from(text);
  const at = Math.min(Math.max(column - 1, 0), chars.length);
  return (
    <>
      {chars.slice(0, at).join("")}
      <mark className="problem-mark">{chars[at] ?? " "}</mark>
      {chars.slice(at + 1).join("")}
    </>
  );
}

interface EditorProps {
  fields: FieldInfo[];
  operators: OperatorTable;
  parentFields?: ParentFields;
  edit(id: string, update: (n: ConditionNode) => ConditionNode | null): void;
}

function GroupEditor({ group, root = false, ...props }: EditorProps & { group: GroupNode; root?: boolean }) {
  const { edit } = props;
  const label = root ? "Condition" : "Group";
  const patch = (p: Partial<GroupNode>) => edit(group.id, (n) => ({ ...(n as GroupNode), ...p }));
  const add = (node: ConditionNode) => patch({ children: [...group.children, node] });

  return (
    <fieldset className={root ? "condition-group condition-group--root" : "condition-group"}>
      <legend className="condition-group__legend">
        <label>
          <span className="visually-hidden">{label} joins its conditions with</span>
          <select
            className="select select--small"
            value={group.join}
            aria-label={`${label}: match`}
            onChange={(e) => patch({ join: e.target.value as "AND" | "OR" })}
          >
            <option value="AND">All of (AND)</option>
            <option value="OR">Any of (OR)</option>
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={group.negated} onChange={(e) => patch({ negated: e.target.checked })} />
          None of these (NOT)
        </label>
      </legend>
      {group.children.map((child) =>
        child.type === "rule" ? (
          <RuleEditor key={child.id} rule={child} {...props} />
        ) : (
          <GroupEditor key={child.id} group={child} {...props} />
        ),
      )}
      <div className="condition-group__actions">
        <button type="button" className="button button--ghost" onClick={() => add(newRule())}>
          Add condition
        </button>
        <button type="button" className="button button--ghost" onClick={() => add(newGroup())}>
          Add group
        </button>
        {root ? null : (
          <button type="button" className="button button--ghost button--danger" onClick={() => edit(group.id, () => null)}>
            Remove group
          </button>
        )}
      </div>
    </fieldset>
  );
}

/** Returns the path step of a reference field: its relationship name, or its own name when it has none. */
function stepOf(reference: FieldInfo): string {
  return reference.relationshipName || reference.name;
}

/** Returns the name a rule's controls are labelled with: "Opportunity Amount" for a path, the field's label otherwise. */
function ruleName(rule: RuleNode, field?: FieldInfo, via?: FieldInfo): string {
  if (!field) {
    return rule.field || "new condition";
  }
  return via ? `${via.label} ${field.label}` : field.label;
}

function RuleEditor({ rule, fields, operators, parentFields, edit }: EditorProps & { rule: RuleNode }) {
  const steps = splitPath(rule.field);
  const { via, field } = resolveField(fields, rule.field, parentFields);
  const parentList = via ? parentFields?.(via) : undefined;
  const parentName = via?.referenceTo?.[0] ?? via?.label ?? steps?.[0] ?? "";
  const ops = field ? (operators[field.kind] ?? []) : [];
  // An operator the kind does not list (or a field still loading) stays shown, so saved text reads back.
  const shownOps = rule.op !== "" && !ops.includes(rule.op) ? [rule.op, ...ops] : ops;
  const references = parentFields ? fields.filter((f) => f.kind === "reference") : [];
  const firstValue = steps ? `${steps[0]}.` : rule.field;
  const firstKnown = firstValue === "" || fields.some((f) => f.name === firstValue) || references.some((f) => `${stepOf(f)}.` === firstValue);
  const patch = (p: Partial<RuleNode>) => edit(rule.id, (n) => ({ ...(n as RuleNode), ...p }));
  const name = ruleName(rule, field, via);

  const chooseField = (path: string, next: FieldInfo | undefined) => {
    const nextOps = next ? (operators[next.kind] ?? []) : [];
    patch({ field: path, op: nextOps[0] ?? "", value: "" });
  };

  return (
    <div className="condition-rule" data-rule={rule.id}>
      <select
        className="select"
        aria-label="Field"
        value={firstValue}
        onChange={(e) => {
          const value = e.target.value;
          if (value.endsWith(".")) {
            patch({ field: value, op: "", value: "" });
          } else {
            chooseField(value, fields.find((f) => f.name === value));
          }
        }}
      >
        <option value="">Choose a field…</option>
        {!firstKnown ? <option value={firstValue}>{firstValue}</option> : null}
        {fields.map((f) => (
          <option key={f.name} value={f.name}>
            {f.label} ({f.name})
          </option>
        ))}
        {references.length > 0 ? (
          <optgroup label="Fields of a related record">
            {references.map((f) => (
              <option key={`via-${f.name}`} value={`${stepOf(f)}.`}>
                {f.referenceTo?.[0] ?? f.label} through {f.label} ({stepOf(f)}.…)
              </option>
            ))}
          </optgroup>
        ) : null}
      </select>
      {steps ? (
        <select
          className="select"
          aria-label={`Field of ${parentName}`}
          value={steps[1]}
          onChange={(e) => chooseField(`${steps[0]}.${e.target.value}`, parentList?.find((f) => f.name === e.target.value))}
        >
          <option value="">{parentList || !via ? "Choose a field…" : `Loading the fields of ${parentName}…`}</option>
          {steps[1] !== "" && !parentList?.some((f) => f.name === steps[1]) ? <option value={steps[1]}>{steps[1]}</option> : null}
          {(parentList ?? []).map((f) => (
            <option key={f.name} value={f.name}>
              {f.label} ({f.name})
            </option>
          ))}
        </select>
      ) : null}
      <select
        className="select"
        aria-label={`Operator for ${name}`}
        value={rule.op}
        disabled={shownOps.length === 0}
        onChange={(e) => patch({ op: e.target.value })}
      >
        {shownOps.map((op) => (
          <option key={op} value={op}>
            {op}
          </option>
        ))}
      </select>
      {rule.op !== "" && !takesNoValue(rule.op) ? (
        field ? (
          <ValueInput field={field} op={rule.op} value={rule.value} onChange={(value) => patch({ value })} />
        ) : (
          <input className="input" type="text" aria-label={`Value for ${name}`} value={rule.value} onChange={(e) => patch({ value: e.target.value })} />
        )
      ) : null}
      <button
        type="button"
        className="button button--ghost button--danger"
        aria-label={`Remove the condition on ${name}`}
        onClick={() => edit(rule.id, () => null)}
      >
        ×
      </button>
    </div>
  );
}

function ValueInput({ field, op, value, onChange }: { field: FieldInfo; op: string; value: string; onChange(v: string): void }) {
  const label = `Value for ${field.label}`;
  if (takesList(op)) {
    return (
      <textarea
        className="input"
        aria-label={`${label}, one per line`}
        placeholder="One value per line"
        rows={2}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  const picklist = field.picklist?.filter((p) => p.active) ?? [];
  if (picklist.length > 0 && op !== "LIKE" && op !== "NOT LIKE") {
    return (
      <select className="select" aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose a value…</option>
        {picklist.map((p) => (
          <option key={p.value} value={p.value}>
            {p.label}
          </option>
        ))}
      </select>
    );
  }
  switch (field.kind) {
    case "boolean":
      return (
        <select className="select" aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">Choose…</option>
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
      );
    case "date":
      return <input className="input" type="date" aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} />;
    case "datetime":
      return (
        <input className="input" type="datetime-local" aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} />
      );
    case "integer":
    case "double":
    case "percent":
    case "currency":
    case "duration":
      return (
        <input className="input" type="number" step="any" aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} />
      );
    default:
      return (
        <input
          className="input"
          type="text"
          aria-label={label}
          placeholder={op === "LIKE" || op === "NOT LIKE" ? "% matches any text, _ one character" : ""}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      );
  }
}
