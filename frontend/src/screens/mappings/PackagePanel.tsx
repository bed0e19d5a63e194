import { useState } from "react";
import { useApi } from "../../api/context";
import type { ApiError, PackageChange, PackagePlan, PackageResult, SchemaCreation } from "../../api/types";
import { Dialog } from "../../components/common/Dialog";
import { ErrorNote, errorOf } from "../../components/common/ErrorNote";
import { countOf } from "../../components/common/plural";
import { useLoad } from "../../state/useLoad";

const actionLabels: Record<string, string> = {
  add: "Add",
  update: "Update",
  remove: "Remove",
  keep: "Keep yours",
  retire: "No longer shipped",
};

/** Writes a JSON value of the diff compactly. */
function show(value: unknown): string {
  if (value === undefined || value === null) return "—";
  if (typeof value === "string") return value;
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/**
 * Installs or upgrades the best-practices package for one Clarizen
 * instance: checks the Salesforce org, creates the missing custom objects
 * and fields once the admin agrees, checks again, then shows the changes
 * and writes them once the admin agrees.
 */
export function PackagePanel({ onClose, onInstalled }: { onClose(): void; onInstalled(): void }) {
  const api = useApi();
  const [instance, setInstance] = useState(1);
  const status = useLoad(() => api.package.status(instance), [api, instance]);
  const [creation, setCreation] = useState<SchemaCreation | null>(null);
  const [plan, setPlan] = useState<PackagePlan | null>(null);
  const [result, setResult] = useState<PackageResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const step = async (what: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await what();
    } catch (err) {
      setError(errorOf(err));
    } finally {
      setBusy(false);
    }
  };

  const createMissing = () =>
    step(async () => {
      const out = await api.package.createMissing();
      setCreation(out);
      status.reload();
    });

  const review = () =>
    step(async () => {
      setPlan(await api.package.plan(instance));
    });

  const apply = () =>
    step(async () => {
      if (!plan) return;
      const out = await api.package.apply(plan.id);
      setPlan(null);
      setResult(out);
      status.reload();
      onInstalled();
    });

  const close = () => {
    if (plan) void api.package.discard(plan.id).catch(() => undefined);
    onClose();
  };

  const st = status.data;
  const missing = st?.missing ?? [];
  const upgrade = (st?.installedVersion ?? 0) > 0;
  const upToDate = upgrade && st !== undefined && st.installedVersion >= st.availableVersion;
  let reviewLabel = "Review what will be installed";
  if (upToDate) reviewLabel = "Compare with your changes";
  else if (upgrade) reviewLabel = "Review the upgrade";

  return (
    <Dialog title="Best-practices package" onClose={close} wide>
      {/* The names come from the package plan below, so the dialog and the list never name a mapping differently. */}
      <p>
        Ready-made mappings for users, accounts, projects, milestones and opportunity products, and an event that creates a
        project for an opportunity at 70% or more. Review lists each mapping and event by name before anything is written.
        The event comes disabled; you enable it on the list when you are ready.
      </p>
      <div className="package-panel__instance">
        <div className="segmented" role="group" aria-label="Clarizen instance of the package">
          {[1, 2].map((n) => (
            <button
              key={n}
              type="button"
              className="segmented__item"
              aria-pressed={instance === n}
              onClick={() => {
                setInstance(n);
                setPlan(null);
                setCreation(null);
                setResult(null);
              }}
            >
              Clarizen instance {n}
            </button>
          ))}
        </div>
      </div>

      {status.error ? <ErrorNote error={status.error} /> : null}
      {status.loading && !st ? <p className="muted">Checking the Salesforce org…</p> : null}
      {st ? (
        <p data-testid="package-version">
          {upgrade ? `Version ${st.installedVersion} is installed` : "Not installed"}; this Liaison ships version{" "}
          {st.availableVersion}.{upToDate ? " The package is up to date." : ""}
        </p>
      ) : null}

      {creation ? (
        <section aria-label="Created in Salesforce" className="card card--flat">
          <h3>Created in Salesforce</h3>
          {creation.created.length > 0 ? (
            <ul className="mono">
              {creation.created.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          ) : (
            <p>Nothing had to be created.</p>
          )}
          <p>{creation.remaining.length === 0 ? "A second check finds nothing missing." : "A second check still finds missing items:"}</p>
        </section>
      ) : null}

      {st && missing.length > 0 ? (
        <section aria-label="Missing in Salesforce" className="card card--flat">
          <h3>The Salesforce org lacks what the mappings need</h3>
          <ul>
            {missing.map((g) => (
              <li key={g.object}>
                {g.objectMissing ? (
                  <>
                    Custom object <span className="mono">{g.object}</span> with the fields{" "}
                    <span className="mono">{g.fields.join(", ")}</span>
                  </>
                ) : (
                  <>
                    Fields <span className="mono">{g.fields.join(", ")}</span> on <span className="mono">{g.object}</span>
                  </>
                )}
              </li>
            ))}
          </ul>
          <p>Liaison can create them through the Tooling API with your login. Nothing is created until you agree.</p>
          <div className="button-row">
            <button type="button" className="button button--primary" disabled={busy} onClick={() => void createMissing()}>
              Create them in Salesforce
            </button>
          </div>
        </section>
      ) : null}

      {st && missing.length === 0 && !plan && !result ? (
        <div className="button-row">
          <button type="button" className={upToDate ? "button" : "button button--primary"} disabled={busy} onClick={() => void review()}>
            {reviewLabel}
          </button>
        </div>
      ) : null}

      {plan ? <PlanDiff plan={plan} busy={busy} onApply={() => void apply()} onCancel={() => { void api.package.discard(plan.id); setPlan(null); }} /> : null}

      {result ? (
        <section role="status" aria-label="Package installed" className="card card--flat">
          <h3>Version {result.toVersion} installed</h3>
          <p>
            {countOf(result.mappings.length, "mapping")} and {countOf(result.events.length, "event")}{" "}
            written. Enable the event on the list when you are ready; Liaison shows how many opportunities match first.
          </p>
          {result.disabled && result.disabled.length > 0 ? (
            <p className="problem">
              Disabled because they no longer pass validation: {result.disabled.map((d) => d.id).join(", ")}.
            </p>
          ) : null}
          <div className="button-row">
            <button type="button" className="button button--primary" onClick={onClose}>
              Done
            </button>
          </div>
        </section>
      ) : null}

      {error ? <ErrorNote error={error} /> : null}
    </Dialog>
  );
}

const kindHeadings: Record<string, string> = { mapping: "Mappings", event: "Events" };

/** Lists the definitions an install adds, by kind and name. */
function NewInstallList({ changes }: { changes: PackageChange[] }) {
  const kinds = Array.from(new Set(changes.map((c) => c.kind)));
  return (
    <div className="package-panel__new">
      {kinds.map((kind) => {
        const items = changes.filter((c) => c.kind === kind);
        const heading = kindHeadings[kind] ?? kind;
        return (
          <section key={kind} aria-label={`New ${heading.toLowerCase()}`}>
            <h4>
              {heading} ({items.length})
            </h4>
            <ul>
              {items.map((c) => (
                <li key={`${c.kind}:${c.id}:${c.path ?? ""}`}>
                  {c.name}
                  {c.note ? <span className="cell-sub">{c.note}</span> : null}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

function PlanDiff({ plan, busy, onApply, onCancel }: { plan: PackagePlan; busy: boolean; onApply(): void; onCancel(): void }) {
  const rows: PackageChange[] = plan.changes;
  // A first install adds whole definitions only, so their names are all its diff can show.
  const allNew = rows.length > 0 && rows.every((c) => c.action === "add" && !c.path);
  return (
    <section aria-label="Package changes" className="card card--flat">
      <h3>
        {plan.fromVersion > 0 ? `Upgrade from version ${plan.fromVersion} to ${plan.toVersion}` : `Install version ${plan.toVersion}`}
      </h3>
      {plan.empty ? <p>Everything is up to date; installing only records the version.</p> : null}
      {allNew ? <NewInstallList changes={rows} /> : null}
      {!allNew && rows.length > 0 ? (
        <table className="table table--compact" aria-label="Changes">
          <thead>
            <tr>
              <th scope="col">Change</th>
              <th scope="col">Definition</th>
              <th scope="col">Value</th>
              <th scope="col">Now</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c, i) => (
              <tr key={i} className={`change change--${c.action}`}>
                <td>{actionLabels[c.action] ?? c.action}</td>
                <td>
                  <span className="cell-main">{c.name}</span>
                  <span className="cell-sub">{c.kind}</span>
                </td>
                <td className="mono">{c.path || "whole definition"}</td>
                <td className="mono">{show(c.current)}</td>
                <td className="mono">
                  {show(c.action === "keep" ? c.current : c.new)}
                  {c.note ? <span className="cell-sub">{c.note}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="button-row">
        <button type="button" className="button" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button button--primary" disabled={busy} onClick={onApply}>
          {plan.fromVersion > 0 ? "Upgrade" : "Install"}
        </button>
      </div>
    </section>
  );
}
