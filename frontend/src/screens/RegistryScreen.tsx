import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useApi } from "../api/context";
import type { ApiError, RegistryFilter, RegistryQuery } from "../api/types";
import { EmptyState } from "../components/common/EmptyState";
import { ErrorNote, errorOf } from "../components/common/ErrorNote";
import { ListIcon } from "../components/common/icons";
import { countOf } from "../components/common/plural";
import { RegistryTable } from "../components/registry/RegistryTable";
import { useLoad } from "../state/useLoad";

/** The rows the screen loads: the newest 100,000 of every state; the table filters them itself. */
const allRows: RegistryQuery = { states: [], mappingId: "", object: "", from: "", to: "", text: "", limit: 100_000 };

const syncStartedNotice = "The sync of every enabled mapping started; its progress shows at the top of the window.";

/** Spacing of reloads while registry.changed events arrive during a run. */
const reloadDelayMs = 1000;

function queryOf(f: RegistryFilter): RegistryQuery {
  return { states: f.states, mappingId: "", object: f.object, from: f.from, to: f.to, text: f.text, limit: 0 };
}

/** Renders the Sync registry screen: every record that moved or failed to move, filtered, with retry and CSV export. */
export function RegistryScreen({ initialFilter }: { initialFilter?: RegistryFilter }) {
  const api = useApi();
  const page = useLoad(() => api.registry.rows(allRows), [api]);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState("");
  const [syncing, setSyncing] = useState(false);
  const definitions = useLoad(() => api.definitions.list(), [api]);
  const eventNames = useMemo(
    () => new Map((definitions.data ?? []).filter((d) => d.kind === "event").map((d) => [d.id, d.name])),
    [definitions.data],
  );
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // A run changes the registry many times a second, so the screen reloads at
  // most once a second, and within a second of the last change.
  useEffect(() => {
    const off = api.on("registry.changed", () => {
      if (timer.current) return;
      timer.current = setTimeout(() => {
        timer.current = null;
        page.reload();
      }, reloadDelayMs);
    });
    return () => {
      off();
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [api, page.reload]);

  const retry = useCallback(
    async (ids: string[]) => {
      setError(null);
      try {
        const n = await api.registry.retry(ids);
        setNotice(
          n === 1
            ? "1 row is Pending again; the next sync tries it anew. Choose Sync now to run it at once."
            : `${n} rows are Pending again; the next sync tries them anew. Choose Sync now to run it at once.`,
        );
        page.reload();
      } catch (err) {
        setError(errorOf(err));
      }
    },
    [api, page],
  );

  const exportCsv = useCallback(
    async (f: RegistryFilter) => {
      setError(null);
      try {
        const mappingId = page.data?.rows.find((r) => r.mapping === f.mapping)?.mappingId ?? "";
        const out = await api.registry.exportCsv({ ...queryOf(f), mappingId });
        if (out.path) setNotice(`Exported ${countOf(out.rows, "row")} to ${out.path}.`);
      } catch (err) {
        setError(errorOf(err));
      }
    },
    [api, page.data],
  );

  // The "sync started" note is stale once the run ends.
  useEffect(() => api.on("run.finished", () => setNotice((n) => (n === syncStartedNotice ? "" : n))), [api]);

  const syncNow = useCallback(async () => {
    setError(null);
    setNotice("");
    setSyncing(true);
    try {
      await api.runs.syncNow([]);
      setNotice(syncStartedNotice);
    } catch (err) {
      setError(errorOf(err));
    } finally {
      setSyncing(false);
    }
  }, [api]);

  const loadDetail = useCallback((id: string) => api.registry.row(id), [api]);

  if (page.error && !page.data) return <ErrorNote error={page.error} />;
  if (!page.data) return <p className="muted">Loading the registry…</p>;
  if (page.data.rows.length === 0) {
    return (
      <EmptyState icon={<ListIcon />} title="Nothing has synced yet">
        <p>
          Every record that Liaison creates, updates, links or fails to write appears here, Pending, Success or Failed,
          with its field values and the full error. Run Sync Now on the Mappings &amp; Events screen to fill it.
        </p>
      </EmptyState>
    );
  }
  return (
    <div className="screen-stack screen-stack--fill">
      {error ? <ErrorNote error={error} /> : null}
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {page.data.total > page.data.rows.length ? (
        <p className="muted">
          The table holds the newest {page.data.rows.length.toLocaleString("en-US")} of {page.data.total.toLocaleString("en-US")} rows; the CSV
          export writes every row that matches.
        </p>
      ) : null}
      <RegistryTable
        rows={page.data.rows}
        initialFilter={initialFilter}
        loadDetail={loadDetail}
        onRetry={(ids) => void retry(ids)}
        onExportCsv={(f) => void exportCsv(f)}
        eventNames={eventNames}
        onSyncNow={() => void syncNow()}
        syncing={syncing}
      />
    </div>
  );
}
