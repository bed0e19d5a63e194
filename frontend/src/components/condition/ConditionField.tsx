import { useEffect, useRef, useState } from "react";
import { useApi } from "../../api/context";
import type { ConditionProblem, FieldInfo, OperatorTable, Side } from "../../api/types";
import { useDescribes } from "../../state/describes";
import { ConditionBuilder, emptyCondition } from "./ConditionBuilder";
import { groupFromEngine, type GroupNode, type ParentFields } from "./conditionText";

export interface ConditionFieldProps {
  /** The system whose object the condition filters, and its Clarizen instance. */
  side: Side;
  instance: number;
  object: string;
  fields: FieldInfo[];
  operators: OperatorTable;
  /** The condition text as saved. */
  value: string;
  onChange(text: string): void;
  /** Milliseconds to wait after the last edit before the engine checks the text. */
  validateDelay?: number;
}

/**
 * Edits a condition with the condition builder and shows the engine's
 * problems with the text inline. A saved condition is parsed by the engine
 * into the builder's tree; text the engine cannot parse opens as plain
 * text with its problem.
 */
export function ConditionField({ side, instance, object, fields, operators, value, onChange, validateDelay = 300 }: ConditionFieldProps) {
  const api = useApi();
  const [tree, setTree] = useState<GroupNode | null>(value.trim() === "" ? emptyCondition() : null);
  const [raw, setRaw] = useState<string | null>(null);
  const [problems, setProblems] = useState<ConditionProblem[]>([]);
  const first = useRef(value);
  const describe = useDescribes(api);
  // A path such as Opportunity__r.Amount reads the parent object's describe, loaded on first use.
  const parentFields: ParentFields = (reference) => {
    const target = reference.referenceTo?.[0];
    return target ? describe(side, instance, target)?.fields : undefined;
  };

  useEffect(() => {
    if (first.current.trim() === "") return;
    let live = true;
    api.schema.conditionTree(first.current).then(
      (node) => live && setTree(groupFromEngine(node)),
      () => live && setRaw(first.current),
    );
    return () => {
      live = false;
    };
  }, [api]);

  useEffect(() => {
    if (object === "") return;
    let live = true;
    const timer = setTimeout(() => {
      api.schema.validateCondition(side, instance, object, value).then(
        (found) => live && setProblems(found),
        () => live && setProblems([]),
      );
    }, validateDelay);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, side, instance, object, value, validateDelay]);

  if (raw !== null) {
    return (
      <div className="condition-field">
        <textarea
          className="input mono"
          aria-label="Condition text"
          rows={2}
          value={raw}
          onChange={(e) => {
            setRaw(e.target.value);
            onChange(e.target.value);
          }}
        />
        {problems.length > 0 ? (
          <ul className="problem-list" aria-label="Condition problems">
            {problems.map((p, i) => (
              <li key={i} className="problem" role="alert">
                {p.column > 0 ? `Column ${p.column}: ` : ""}
                {p.message} {p.fix ? <span className="problem__fix">{p.fix}</span> : null}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    );
  }
  if (tree === null) {
    return <p className="muted">Reading the condition…</p>;
  }
  return (
    <ConditionBuilder
      fields={fields}
      operators={operators}
      initial={tree}
      problems={problems}
      parentFields={parentFields}
      onChange={(text) => onChange(text)}
    />
  );
}
