import { EmptyState } from "../components/common/EmptyState";
import { ListIcon } from "../components/common/icons";
import { RegistryTable } from "../components/registry/RegistryTable";
import type { RegistryRow } from "../api/types";

/** Renders the Sync registry screen. Rows arrive from the engine once it is connected. */
export function RegistryScreen({ rows }: { rows: RegistryRow[] }) {
  if (rows.length === 0) {
    return (
      <EmptyState icon={<ListIcon />} title="Nothing has synced yet">
        <p>
          Every record that Liaison creates, updates, links or fails to write appears here, Pending, Success or Failed,
          with its field values and the full error. Run Sync Now on the Mappings &amp; Events screen to fill it.
        </p>
      </EmptyState>
    );
  }
  return <RegistryTable rows={rows} onRetry={() => undefined} onExportCsv={() => undefined} />;
}
