// Turns the condition builder's tree into condition-language text. The
// engine parses and validates the text; nothing here decides whether a
// condition is valid.
import type { FieldInfo } from "../../api/types";

/** One comparison, such as Probability >= 70. */
export interface RuleNode {
  type: "rule";
  id: string;
  field: string;
  op: string;
  /** The value as typed; lists keep one value per line. */
  value: string;
}

/** Conditions joined by AND or OR, optionally negated with NOT. */
export interface GroupNode {
  type: "group";
  id: string;
  join: "AND" | "OR";
  negated: boolean;
  children: ConditionNode[];
}

export type ConditionNode = RuleNode | GroupNode;

const numericKinds = new Set(["integer", "double", "percent", "currency", "duration"]);
const listOps = new Set(["IN", "NOT IN", "INCLUDES", "EXCLUDES"]);
const nullOps = new Set(["IS NULL", "IS NOT NULL"]);

/** Reports whether the operator takes a list of values. */
export function takesList(op: string): boolean {
  return listOps.has(op);
}

/** Reports whether the operator takes no value. */
export function takesNoValue(op: string): boolean {
  return nullOps.has(op);
}

/**
 * Quotes a string for the condition language: single quotes around it, and
 * a backslash before each backslash and quote. Line breaks and tabs become
 * \n, \r and \t.
 */
export function quote(text: string): string {
  let out = "'";
  for (const ch of text) {
    switch (ch) {
      case "\\":
        out += "\\\\";
        break;
      case "'":
        out += "\\'";
        break;
      case "\n":
        out += "\\n";
        break;
      case "\r":
        out += "\\r";
        break;
      case "\t":
        out += "\\t";
        break;
      default:
        out += ch;
    }
  }
  return out + "'";
}

/**
 * Writes one value as a literal for a field of the given kind: numbers,
 * booleans, dates and date-times bare, everything else quoted.
 */
export function literal(kind: string, raw: string): string {
  const value = raw.trim();
  if (numericKinds.has(kind) || kind === "boolean" || kind === "date") {
    return value;
  }
  if (kind === "datetime") {
    return toUtcDateTime(value);
  }
  return quote(raw);
}

/**
 * Converts the local time of a datetime-local input (2024-01-31T09:30) to
 * UTC RFC 3339 (2024-01-31T08:30:00Z in UTC+1). Text that is already
 * RFC 3339 with a zone, or that is not a date, is returned unchanged for the
 * engine to judge.
 */
export function toUtcDateTime(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) {
    return value;
  }
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) {
    return value;
  }
  return parsed.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Returns the fields of the object a reference field points to, or undefined until they are loaded. */
export type ParentFields = (reference: FieldInfo) => FieldInfo[] | undefined;

/**
 * Splits a relationship path such as Opportunity__r.Amount at its first dot
 * into the relationship and the parent's field; returns null for a plain
 * field name.
 */
export function splitPath(path: string): [string, string] | null {
  const dot = path.indexOf(".");
  return dot < 0 ? null : [path.slice(0, dot), path.slice(dot + 1)];
}

/**
 * Finds the reference field a path step names by its relationship name, or
 * by its name when it has none. Opportunity__r names Opportunity__c, and a
 * Clarizen reference field's relationship name is its own name.
 */
export function referenceOf(fields: FieldInfo[], step: string): FieldInfo | undefined {
  return fields.find((f) => f.kind === "reference" && (f.relationshipName ? f.relationshipName === step : f.name === step));
}

/** The field a condition names, and for a path the reference field it goes through. */
export interface ResolvedField {
  via?: FieldInfo;
  field?: FieldInfo;
}

/** Resolves a field name or a one-step path (Opportunity__r.Amount); field is undefined when unknown or not loaded yet. */
export function resolveField(fields: FieldInfo[], path: string, parentFields?: ParentFields): ResolvedField {
  const steps = splitPath(path);
  if (steps === null) {
    return { field: fields.find((f) => f.name === path) };
  }
  const via = referenceOf(fields, steps[0]);
  if (!via) {
    return {};
  }
  return { via, field: parentFields?.(via)?.find((f) => f.name === steps[1]) };
}

function ruleText(rule: RuleNode, fields: FieldInfo[], parentFields?: ParentFields): string {
  if (rule.field === "" || rule.op === "" || rule.field.endsWith(".")) {
    return "";
  }
  if (takesNoValue(rule.op)) {
    return `${rule.field} ${rule.op}`;
  }
  const kind = resolveField(fields, rule.field, parentFields).field?.kind ?? "string";
  if (takesList(rule.op)) {
    const values = rule.value
      .split("\n")
      .map((v) => v.trim())
      .filter((v) => v !== "");
    return `${rule.field} ${rule.op} (${values.map((v) => literal(kind, v)).join(", ")})`;
  }
  return `${rule.field} ${rule.op} ${literal(kind, rule.value)}`;
}

function nodeText(node: ConditionNode, fields: FieldInfo[], nested: boolean, parentFields?: ParentFields): string {
  if (node.type === "rule") {
    return ruleText(node, fields, parentFields);
  }
  const parts = node.children.map((c) => nodeText(c, fields, true, parentFields)).filter((t) => t !== "");
  if (parts.length === 0) {
    return "";
  }
  const joined = parts.join(` ${node.join} `);
  if (node.negated) {
    return `NOT (${joined})`;
  }
  return nested && parts.length > 1 ? `(${joined})` : joined;
}

/**
 * Writes the whole tree as condition text; incomplete rules are left out.
 * parentFields gives the kinds of fields reached through a relationship path.
 */
export function conditionText(root: GroupNode, fields: FieldInfo[], parentFields?: ParentFields): string {
  return nodeText(root, fields, false, parentFields);
}

/** A condition tree as the engine parses it (app.ConditionNode), before the builder gives its nodes ids. */
export interface EngineNode {
  type: string;
  join?: string;
  negated?: boolean;
  children?: EngineNode[];
  field?: string;
  op?: string;
  value?: string;
}

let fromEngineSequence = 0;

/** Converts the engine's parse of a condition into the builder's tree, so a saved condition opens in the builder. */
export function groupFromEngine(node: EngineNode): GroupNode {
  const convert = (n: EngineNode): ConditionNode => {
    fromEngineSequence += 1;
    if (n.type === "rule") {
      return { type: "rule", id: `e-r${fromEngineSequence}`, field: n.field ?? "", op: n.op ?? "", value: n.value ?? "" };
    }
    return {
      type: "group",
      id: `e-g${fromEngineSequence}`,
      join: n.join === "OR" ? "OR" : "AND",
      negated: n.negated ?? false,
      children: (n.children ?? []).map(convert),
    };
  };
  const root = convert(node);
  if (root.type === "rule") {
    fromEngineSequence += 1;
    return { type: "group", id: `e-g${fromEngineSequence}`, join: "AND", negated: false, children: [root] };
  }
  return root;
}
