import { useEffect, useState } from "react";
import { useApi } from "../../api/context";
import type { ApiError, HeldDeletes, SkippedDefinition } from "../../api/types";
import { ErrorNote, errorOf } from "./ErrorNote";

const percentFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

type HeldState =
  | { kind: "held" }
  | { kind: "busy" }
  | { kind: "confirmed" }
  | { kind: "syncing" }
  | { kind: "sync-started" }
  | { kind: "synced" };

function HeldRow({ held }: { held: HeldDeletes }) {
  const api = useApi();
  const [state, setState] = useState<HeldState>({ kind: "held" });
  const [error, setError] = useState<ApiError | null>(null);

  // "Sync of X started" is true only while that run goes on.
  useEffect(() => {
    if (state.kind !== "sync-started") return;
    return api.on("run.finished", () => setState({ kind: "synced" }));
  }, [api, state.kind]);

  const confirm = async () => {
    setState({ kind: "busy" });
    setError(null);
    try {
      await api.runs.confirmDeletes(held.mappingId, held.deletes);
      setState({ kind: "confirmed" });
    } catch (err) {
      setError(errorOf(err));
      setState({ kind: "held" });
    }
  };

  const syncNow = async () => {
    setState({ kind: "syncing" });
    setError(null);
    try {
      await api.runs.syncNow([held.mappingId]);
      setState({ kind: "sync-started" });
    } catch (err) {
      setError(errorOf(err));
      setState({ kind: "confirmed" });
    }
  };

  return (
    <li className="held-deletes__item" data-mapping={held.mappingId}>
      <p>
        <strong>{held.name}</strong>: {held.deletes} deletions held back, {percentFormat.format(held.percent)}% of its{" "}
        {held.links} links, over the limit of {percentFormat.format(held.maxPercent)}%. Check that the records were
        really deleted at the source before you confirm.
      </p>
      <div className="button-row">
        {state.kind === "held" || state.kind === "busy" ? (
          <button type="button" className="button button--danger" disabled={state.kind === "busy"} onClick={() => void confirm()}>
            Confirm {held.deletes} deletions for {held.name}
          </button>
        ) : null}
        {state.kind === "confirmed" || state.kind === "syncing" ? (
          <>
            <span className="muted held-deletes__done" role="status">
              Confirmed. The next run of {held.name} deletes them.
            </span>
            <button type="button" className="button button--primary" disabled={state.kind === "syncing"} onClick={() => void syncNow()}>
              Sync Now
            </button>
          </>
        ) : null}
        {state.kind === "sync-started" ? (
          <span className="muted held-deletes__done" role="status">
            Sync of {held.name} started.
          </span>
        ) : null}
      </div>
      {error ? <ErrorNote error={error} /> : null}
    </li>
  );
}

/**
 * Lists the mappings whose deletions the delete guard held back, each with
 * a button that confirms them for the next run and then offers Sync Now.
 */
export function HeldDeletesNote({ held }: { held: HeldDeletes[] }) {
  if (held.length === 0) return null;
  return (
    <section className="held-deletes" aria-label="Deletions held back">
      <h3>Deletions held back</h3>
      <ul className="held-deletes__list">
        {held.map((h) => (
          <HeldRow key={h.mappingId} held={h} />
        ))}
      </ul>
    </section>
  );
}

/** Lists the mappings and events that a run left out because they failed to plan. */
export function SkippedNote({ skipped }: { skipped: SkippedDefinition[] }) {
  if (skipped.length === 0) return null;
  return (
    <section className="skipped-definitions" aria-label="Left out of this run">
      <h3>Left out of this run</h3>
      <ul className="problem-list">
        {skipped.map((s) => (
          <li key={`${s.kind}:${s.id}`} className="problem">
            {s.kind === "event" ? "Event" : "Mapping"} <strong>{s.name}</strong>: {s.error}
          </li>
        ))}
      </ul>
    </section>
  );
}
