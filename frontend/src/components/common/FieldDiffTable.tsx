import type { FieldChange } from "../../api/types";

function show(value: string | null) {
  if (value === null) {
    return (
      <span className="diff-value--none" title="No value">
        —
      </span>
    );
  }
  if (value === "") {
    return (
      <span className="diff-value--none" title="Empty text">
        (empty)
      </span>
    );
  }
  return value;
}

/**
 * Field values before and after an operation. No value shows as "—" and the empty string as "(empty)",
 * because the engine keeps them apart. Neither is struck through as a removed value.
 */
export function FieldDiffTable({ changes, caption }: { changes: FieldChange[]; caption?: string }) {
  if (changes.length === 0) {
    return <p className="muted">No field values were recorded.</p>;
  }
  return (
    <table className="table table--compact diff-table">
      {caption ? <caption className="visually-hidden">{caption}</caption> : null}
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.field} className={c.before === c.after ? "" : "diff-table__changed"}>
            <th scope="row">
              {c.label ?? c.field}
              {c.label ? <span className="cell-sub">{c.field}</span> : null}
            </th>
            <td className="diff-table__before">{show(c.before)}</td>
            <td className="diff-table__after">{show(c.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
