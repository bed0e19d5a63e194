// The summary of the engine's validation at the top of an editor: counts
// of errors and warnings, each problem a link to the control it concerns.
import { forwardRef } from "react";
import type { Problem } from "../../api/types";
import { isWarning, problemClass } from "../../components/fieldmap/model";

/** The error code of a save that the engine refused because validation found errors. */
export const validationFailed = "validation_failed";

/** Returns "2 errors and 1 warning", "1 error", "3 warnings". */
export function problemCounts(problems: Problem[]): string {
  const warnings = problems.filter(isWarning).length;
  const errors = problems.length - warnings;
  const parts: string[] = [];
  if (errors > 0) parts.push(`${errors} ${errors === 1 ? "error" : "errors"}`);
  if (warnings > 0) parts.push(`${warnings} ${warnings === 1 ? "warning" : "warnings"}`);
  return parts.join(" and ");
}

/** Quotes a value for a CSS attribute selector: a backslash before each backslash and double quote. */
function attributeValue(value: string): string {
  return `"${value.replace(/["\\]/g, "\\$&")}"`;
}

/** Returns "links" for "links[1]" and "target.newObject" for "target.newObject.values": the enclosing part, or "". */
function enclosingPart(part: string): string {
  const cut = Math.max(part.lastIndexOf("."), part.lastIndexOf("["));
  return cut > 0 ? part.slice(0, cut) : "";
}

/**
 * Finds the element a problem concerns inside root: the field map row for
 * fieldMapId, else the closest element marked with data-part for its part
 * ("templateRules[0].criteria" falls back to "templateRules[0]"), else the
 * field in the field list of its side.
 */
export function problemTarget(root: ParentNode, p: Problem): HTMLElement | null {
  if (p.fieldMapId) {
    const row = root.querySelector<HTMLElement>(`[data-fieldmap=${attributeValue(p.fieldMapId)}]`);
    if (row) return row;
  }
  for (let part = p.part ?? ""; part !== ""; part = enclosingPart(part)) {
    const found = root.querySelector<HTMLElement>(`[data-part=${attributeValue(part)}]`);
    if (found) return found;
  }
  if (p.side && p.field) {
    const field = root.querySelector<HTMLElement>(`.field-list--${p.side} [data-field=${attributeValue(p.field)}]`);
    if (field) return field;
  }
  return null;
}

const focusable = "input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), [tabindex]";

/** Scrolls the element a problem concerns into view and focuses its first control; reports whether one was found. */
export function focusProblem(root: ParentNode, p: Problem): boolean {
  const target = problemTarget(root, p);
  if (!target) return false;
  const control = target.matches(focusable) ? target : (target.querySelector<HTMLElement>(focusable) ?? target);
  // jsdom has no scrollIntoView.
  target.scrollIntoView?.({ block: "center" });
  control.focus({ preventScroll: true });
  return true;
}

export interface ValidationSummaryProps {
  problems: Problem[];
  /** Moves to the control of a problem; returns false when the editor shows no control for it. */
  onShow(p: Problem): boolean;
  /** The action that errors block, such as "enabling the mapping". */
  blocks: string;
}

function ProblemLine({ problem: p, onShow }: { problem: Problem; onShow(p: Problem): boolean }) {
  return (
    <li className={problemClass(p)}>
      <span className="visually-hidden">{isWarning(p) ? "Warning: " : "Error: "}</span>
      <button type="button" className="link-button" onClick={() => onShow(p)}>
        {p.message}
      </button>{" "}
      {p.fix ? <span className="problem__fix">{p.fix}</span> : null}
    </li>
  );
}

/** Lists the engine's problems at the top of an editor, errors apart from warnings, each a link to its control. */
export const ValidationSummary = forwardRef<HTMLElement, ValidationSummaryProps>(function ValidationSummary({ problems, onShow, blocks }, ref) {
  if (problems.length === 0) return null;
  const errors = problems.filter((p) => !isWarning(p));
  const warnings = problems.filter(isWarning);
  return (
    <section
      ref={ref}
      tabIndex={-1}
      className={`validation-summary${errors.length === 0 ? " validation-summary--warnings" : ""}`}
      aria-labelledby="validation-summary-title"
    >
      <h3 id="validation-summary-title">Validation found {problemCounts(problems)}</h3>
      {errors.length > 0 ? (
        <>
          <p className="validation-summary__note">Errors block {blocks}. Fix them first.</p>
          <ul className="validation-summary__list" aria-label="Errors">
            {errors.map((p, i) => (
              <ProblemLine key={`e${i}`} problem={p} onShow={onShow} />
            ))}
          </ul>
        </>
      ) : null}
      {warnings.length > 0 ? (
        <>
          <p className="validation-summary__note">Warnings do not block {blocks}.</p>
          <ul className="validation-summary__list" aria-label="Warnings">
            {warnings.map((p, i) => (
              <ProblemLine key={`w${i}`} problem={p} onShow={onShow} />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
});
