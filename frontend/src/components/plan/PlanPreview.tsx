import { useMemo, useState } from "react";
import type { OperationKind, Plan, PlannedOperation } from "../../api/types";
import { FieldDiffTable } from "../common/FieldDiffTable";
import { sideLabel } from "../common/sides";

export interface PlanPreviewProps {
  plan: Plan;
  /** True while the Go side applies or discards the plan. */
  busy?: boolean;
  onApply(planId: string): void;
  onDiscard(planId: string): void;
}

export const operationKinds: OperationKind[] = ["create", "update", "delete", "link", "post"];

const kindTitles: Record<OperationKind, string> = {
  create: "Creates",
  update: "Updates",
  delete: "Deletes",
  link: "Links",
  post: "Posts",
};

const numberFormat = new Intl.NumberFormat("en-US");

/** Counts the operations of each kind. */
export function countKinds(operations: PlannedOperation[]): Record<OperationKind, number> {
  const counts: Record<OperationKind, number> = { create: 0, update: 0, delete: 0, link: 0, post: 0 };
  for (const op of operations) counts[op.kind] += 1;
  return counts;
}

/** Shows the plan of a run before it writes anything, with what each operation changes, and offers Apply and Discard. */
export function PlanPreview({ plan, busy = false, onApply, onDiscard }: PlanPreviewProps) {
  const [kind, setKind] = useState<OperationKind | "all">("all");
  const counts = useMemo(() => countKinds(plan.operations), [plan.operations]);
  const shown = kind === "all" ? plan.operations : plan.operations.filter((op) => op.kind === kind);
  const empty = plan.operations.length === 0;

  return (
    <section className="plan-preview" aria-label="Plan preview">
      <div className="plan-preview__summary">
        <div className="stat-row" role="group" aria-label="Operations by kind">
          <button
            type="button"
            className="stat"
            aria-label={`All: ${plan.operations.length}`}
            aria-pressed={kind === "all"}
            onClick={() => setKind("all")}
          >
            <span className="stat__value">{numberFormat.format(plan.operations.length)}</span>
            <span className="stat__label">All</span>
          </button>
          {operationKinds.map((k) => (
            <button
              key={k}
              type="button"
              className={`stat stat--${k}`}
              aria-label={`${kindTitles[k]}: ${counts[k]}`}
              aria-pressed={kind === k}
              disabled={counts[k] === 0}
              onClick={() => setKind(k)}
            >
              <span className="stat__value">{numberFormat.format(counts[k])}</span>
              <span className="stat__label">{kindTitles[k]}</span>
            </button>
          ))}
        </div>
        <p className="plan-preview__calls" data-testid="api-calls">
          Applying this plan spends about {numberFormat.format(plan.apiCalls.salesforce)} Salesforce API calls and{" "}
          {numberFormat.format(plan.apiCalls.clarizen)} Clarizen API calls.
        </p>
      </div>

      {empty ? (
        <div className="empty-state empty-state--compact">
          <p className="empty-state__title">Nothing to sync</p>
          <p>Both sides already agree for the selected mappings. Nothing will be written.</p>
        </div>
      ) : (
        <ul className="operation-list" aria-label="Planned operations">
          {shown.map((op) => (
            <li key={op.id} className={`operation operation--${op.kind}`}>
              <details>
                <summary>
                  <span className={`op-badge op-badge--${op.kind}`}>{op.kind}</span>
                  <span className="operation__record">{op.recordName}</span>
                  <span className="operation__meta">
                    {sideLabel(op.side)} {op.object} · {op.mapping}
                    {op.fields.length > 0 ? ` · ${op.fields.length} field${op.fields.length === 1 ? "" : "s"}` : ""}
                  </span>
                  {op.conflict ? <span className="conflict-badge" title={op.conflict}>conflict</span> : null}
                </summary>
                {op.conflict ? <p className="operation__conflict">{op.conflict}</p> : null}
                <FieldDiffTable changes={op.fields} caption={`Field values of ${op.recordName}`} />
              </details>
            </li>
          ))}
        </ul>
      )}

      <div className="button-row">
        <button type="button" className="button" disabled={busy} onClick={() => onDiscard(plan.id)}>
          Discard
        </button>
        <button type="button" className="button button--primary" disabled={busy || empty} onClick={() => onApply(plan.id)}>
          Apply {numberFormat.format(plan.operations.length)} operations
        </button>
      </div>
    </section>
  );
}
