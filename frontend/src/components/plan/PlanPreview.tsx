import { useMemo, useState } from "react";
import type { OperationKind, Plan, PlannedOperation } from "../../api/types";
import { HeldDeletesNote, SkippedNote } from "../common/RunNotes";
import { sideLabel } from "../common/sides";
import { PlanFieldTable } from "./PlanFieldTable";

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
  for (const op of operations) {
    if (op.kind in counts) counts[op.kind as OperationKind] += 1;
  }
  return counts;
}

/** Adds up the API calls per system from the calls per connection (salesforce, clarizen1, clarizen2). */
export function callsBySystem(calls: Record<string, number>): { salesforce: number; clarizen: number } {
  let salesforce = 0;
  let clarizen = 0;
  for (const [connection, n] of Object.entries(calls)) {
    if (connection === "salesforce") salesforce += n;
    else clarizen += n;
  }
  return { salesforce, clarizen };
}

/**
 * Picks the title of an operation in the list: its readable label (the
 * record's name), else the record name the app derived, else the id. The ids
 * that differ from the title come back as secondary text.
 */
export function operationTitle(op: PlannedOperation): { title: string; ids: string } {
  const title = op.label || op.recordName || op.recordId || `new ${op.object}`;
  const ids = [op.recordName, op.recordId].filter((x): x is string => !!x && x !== title);
  return { title, ids: [...new Set(ids)].join(" · ") };
}

/** Shows the plan of a run before it writes anything, with what each operation changes, and offers Apply and Discard. */
export function PlanPreview({ plan, busy = false, onApply, onDiscard }: PlanPreviewProps) {
  const [kind, setKind] = useState<OperationKind | "all">("all");
  const counts = useMemo(() => countKinds(plan.operations), [plan.operations]);
  const calls = callsBySystem(plan.apiCalls);
  const social = plan.social ?? [];
  const socialCalls = social.reduce(
    (sum, x) => {
      const mappingCalls = callsBySystem(x.minCalls ?? {});
      return { salesforce: sum.salesforce + mappingCalls.salesforce, clarizen: sum.clarizen + mappingCalls.clarizen };
    },
    { salesforce: 0, clarizen: 0 },
  );
  const socialRecords = social.reduce((n, x) => n + x.records, 0);
  // Posts are copied after the plan applies, so the plan itself lists none of them.
  const postsLater = social.length > 0 && counts.post === 0;
  const conflicts = (op: PlannedOperation) => op.fields.filter((f) => f.conflict).length;
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
          {operationKinds.map((k) =>
            k === "post" && postsLater ? (
              <span key={k} className="stat stat--later" role="note" aria-label="Posts are counted when the run applies">
                <span className="stat__value">—</span>
                <span className="stat__label">Posts: counted when the run applies</span>
              </span>
            ) : (
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
            ),
          )}
        </div>
        <p className="plan-preview__calls" data-testid="api-calls">
          Applying this plan spends about {numberFormat.format(calls.salesforce)} Salesforce API{" "}
          {calls.salesforce === 1 ? "call" : "calls"} and {numberFormat.format(calls.clarizen)} Clarizen API{" "}
          {calls.clarizen === 1 ? "call" : "calls"}.
        </p>
        {social.length > 0 ? (
          <p className="plan-preview__calls" data-testid="social-calls">
            Then the run copies new posts and comments of {numberFormat.format(socialRecords)} linked{" "}
            {socialRecords === 1 ? "record" : "records"} ({social.map((x) => x.name).join(", ")}), which spends at least{" "}
            {numberFormat.format(socialCalls.salesforce)} more Salesforce and {numberFormat.format(socialCalls.clarizen)} more
            Clarizen API {socialCalls.salesforce + socialCalls.clarizen === 1 ? "call" : "calls"}.
          </p>
        ) : null}
      </div>

      {plan.paused.length > 0 ? (
        <p className="problem" role="note">
          Paused, because a connection needs you: {plan.paused.join(", ")}. Fix it on the Connections screen.
        </p>
      ) : null}
      {plan.warnings.length > 0 ? (
        <ul className="problem-list" aria-label="Plan warnings">
          {plan.warnings.map((w) => (
            <li key={w} className="problem problem--warning">
              {w}
            </li>
          ))}
        </ul>
      ) : null}
      <HeldDeletesNote held={plan.heldDeletes ?? []} />
      <SkippedNote skipped={plan.skipped ?? []} />
      {empty ? (
        <div className="empty-state empty-state--compact">
          <p className="empty-state__title">Nothing to sync</p>
          <p>Both sides already agree for the selected mappings. Nothing will be written.</p>
        </div>
      ) : (
        <ul className="operation-list" aria-label="Planned operations">
          {shown.map((op) => {
            const { title, ids } = operationTitle(op);
            return (
              <li key={op.id} className={`operation operation--${op.kind}`}>
                <details>
                  <summary>
                    <span className={`op-badge op-badge--${op.kind}`}>{op.kind}</span>
                    <span className="operation__record">
                      {title}
                      {ids ? <span className="operation__ids">{ids}</span> : null}
                    </span>
                    <span className="operation__meta">
                      {sideLabel(op.side)} {op.object} · {op.mapping}
                      {op.fields.length > 0 ? ` · ${op.fields.length} field${op.fields.length === 1 ? "" : "s"}` : ""}
                    </span>
                    {conflicts(op) > 0 ? <span className="conflict-badge">conflict</span> : null}
                  </summary>
                  <p className="operation__reason">
                    {op.reason}
                    {op.template ? ` From the template “${op.template}”.` : ""}
                  </p>
                  {op.fields
                    .filter((f) => f.conflict)
                    .map((f) => (
                      <p key={f.field} className="operation__conflict">
                        {f.label ?? f.field}: {f.conflict}
                      </p>
                    ))}
                  {op.warnings.map((w) => (
                    <p key={w} className="problem problem--warning">
                      {w}
                    </p>
                  ))}
                  <PlanFieldTable changes={op.fields} caption={`Field values of ${title}`} />
                </details>
              </li>
            );
          })}
        </ul>
      )}

      <div className="button-row">
        <button type="button" className="button" disabled={busy} onClick={() => onDiscard(plan.id)}>
          Discard
        </button>
        <button type="button" className="button button--primary" disabled={busy || empty} onClick={() => onApply(plan.id)}>
          Apply {numberFormat.format(plan.operations.length)} {plan.operations.length === 1 ? "operation" : "operations"}
        </button>
      </div>
    </section>
  );
}
