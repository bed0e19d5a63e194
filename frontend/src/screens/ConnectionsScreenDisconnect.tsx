// The confirmation before a connection is disconnected: what it removes,
// and which mappings and events stop syncing until the user connects again.
import { useState } from "react";
import { useApi } from "../api/context";
import type { ApiError, Dependent } from "../api/types";
import { Dialog } from "../components/common/Dialog";
import { ErrorNote, errorOf } from "../components/common/ErrorNote";
import { useLoad } from "../state/useLoad";
import { connectionName } from "../components/common/sides";

export interface DisconnectDialogProps {
  /** "salesforce", "clarizen1" or "clarizen2". */
  connectionId: string;
  /** A Clarizen instance's sign-in method, "apikey" or "password". An API-key connection has no user name to keep. */
  authMethod?: string;
  onClose(): void;
  onDisconnected(): void;
}

function DependentList({ title, items }: { title: string; items: Dependent[] }) {
  if (items.length === 0) return null;
  return (
    <section className="dependents">
      <h3>{title}</h3>
      <ul className="dependents__list" aria-label={title}>
        {items.map((d) => (
          <li key={`${d.kind}:${d.id}`}>
            {d.name}{" "}
            <span className={`state-pill state-pill--${d.enabled ? "paused" : "pending"}`}>
              {d.enabled ? "Pauses" : "Disabled, stays disabled"}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Asks before disconnecting and lists the mappings and events that use the connection. */
export function DisconnectDialog({ connectionId, authMethod, onClose, onDisconnected }: DisconnectDialogProps) {
  const api = useApi();
  const dependents = useLoad(() => api.connections.dependents(connectionId), [api, connectionId]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const name = connectionName(connectionId);
  const salesforce = connectionId === "salesforce";
  const items = dependents.data ?? [];
  const mappings = items.filter((d) => d.kind === "mapping");
  const events = items.filter((d) => d.kind === "event");
  const enabled = items.filter((d) => d.enabled).length;

  const disconnect = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.connections.disconnect(connectionId);
      onDisconnected();
    } catch (err) {
      setError(errorOf(err));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={`Disconnect ${name}?`}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Keep connected
          </button>
          <button type="button" className="button button--danger-solid" disabled={busy || dependents.loading} onClick={() => void disconnect()}>
            {busy ? "Disconnecting…" : "Disconnect"}
          </button>
        </>
      }
    >
      <p>
        {salesforce
          ? "Liaison revokes its access to the org and deletes the tokens from the keychain. The card keeps the login choice (Production, Sandbox or My Domain) for the next sign-in."
          : authMethod === "apikey"
            ? "Liaison ends the Clarizen session and deletes the API key from the keychain. The card keeps the environment and the sign-in method, so signing in again needs only the API key."
            : "Liaison ends the Clarizen session and deletes the password from the keychain. The card keeps the environment, sign-in method and user name, so signing in again needs only the password."}{" "}
        Links and the sync registry stay.
      </p>
      {dependents.loading && !dependents.data ? <p className="muted">Looking up the mappings and events that use it…</p> : null}
      {dependents.error ? <ErrorNote error={dependents.error} /> : null}
      {dependents.data ? (
        items.length === 0 ? (
          <p data-testid="dependents-summary">No mapping or event uses {name}.</p>
        ) : (
          <>
            <p data-testid="dependents-summary">
              {enabled === 0
                ? `${items.length === 1 ? "One disabled definition uses" : `${items.length} disabled definitions use`} ${name}. They stay disabled.`
                : `${enabled === 1 ? "One enabled definition pauses" : `${enabled} enabled definitions pause`}: they do not sync until you connect ${name} again.`}
            </p>
            <DependentList title="Mappings" items={mappings} />
            <DependentList title="Events" items={events} />
          </>
        )
      ) : null}
      {error ? <ErrorNote error={error} /> : null}
    </Dialog>
  );
}
