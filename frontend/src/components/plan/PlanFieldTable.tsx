import type { FieldChange } from "../../api/types";

/**
 * Renders one value of the plan: an em dash for no value (null) and
 * "(empty)" for the empty string, so an empty value never reads as the word
 * null and is never struck through as if something were deleted.
 */
function PlanValue({ value }: { value: string | null }) {
  if (value === null) {
    return (
      <span className="plan-fields__none" title="No value">
        —
      </span>
    );
  }
  if (value === "") {
    return <span className="plan-fields__none">(empty)</span>;
  }
  return <>{value}</>;
}

/** Field values before and after one planned operation: the field's label first, its API name below it. */
export function PlanFieldTable({ changes, caption }: { changes: FieldChange[]; caption: string }) {
  if (changes.length === 0) {
    return <p className="muted">This operation writes no field values.</p>;
  }
  return (
    <table className="table table--compact plan-fields">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => {
          const changed = c.before !== c.after;
          // Strike the old value through only when a real value is replaced.
          const struck = changed && c.before !== null && c.before !== "";
          return (
            <tr key={c.field} className={changed ? "plan-fields__changed" : ""}>
              <th scope="row">
                {c.label ?? c.field}
                {c.label && c.label !== c.field ? <span className="cell-sub">{c.field}</span> : null}
              </th>
              <td className={struck ? "plan-fields__before plan-fields__before--replaced" : "plan-fields__before"}>
                <PlanValue value={c.before} />
              </td>
              <td className="plan-fields__after">
                <PlanValue value={c.after} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
