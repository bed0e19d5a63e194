import { useCallback, useEffect, useState } from "react";
import { useApi } from "../api/context";
import type {
  ApiError,
  ClarizenLogin,
  ConnectionStatus,
  ConnectionsView,
  DemoInfo,
  DemoSetupState,
  OrgChange,
  SalesforceIdentity,
  SalesforceLogin,
} from "../api/types";
import { PlugIcon } from "../components/common/icons";
import { DemoSignIn } from "../components/demo/DemoSetupPanel";
import { stepStatus, useDemoSetup } from "../state/demoSetup";
import { useLoad } from "../state/useLoad";
import { Dialog } from "../components/common/Dialog";
import { ErrorNote, errorOf } from "../components/common/ErrorNote";
import { DisconnectDialog } from "./ConnectionsScreenDisconnect";
import { connectionName } from "../components/common/sides";

type LoginHost = SalesforceLogin["environment"];

/** Returns the login choice of a stored environment; anything unknown starts at Production. */
function hostOf(environment: string): LoginHost {
  return environment === "sandbox" || environment === "mydomain" ? environment : "production";
}

const hostLabels: Record<LoginHost, string> = { production: "Production", sandbox: "Sandbox", mydomain: "My Domain" };

const stateLabels: Record<string, string> = {
  connected: "Connected",
  needs_reauth: "Needs re-authentication",
  unreachable: "Unreachable",
  disconnected: "Not connected",
  org_changed: "Org changed",
};

const numberFormat = new Intl.NumberFormat("en-US");

function formatTime(time?: string): string {
  if (!time) return "never";
  const d = new Date(time);
  return Number.isNaN(d.getTime()) ? time : d.toLocaleString();
}

/** Returns the confirmation after Check connections: the time and each connection's state. */
function checkSummary(view: ConnectionsView): string {
  const time = new Date().toLocaleTimeString(undefined, { timeStyle: "short" });
  const states = view.connections.map((c) => `${connectionName(c.id)} ${(stateLabels[c.state] ?? c.state).toLowerCase()}`);
  return `Checked at ${time}: ${states.join(", ")}.`;
}

/** Shows a connection's state as a coloured pill. */
export function StatePill({ state }: { state: string }) {
  return (
    <span className={`status status--${state}`} data-state={state}>
      {stateLabels[state] ?? state}
    </span>
  );
}

/** Connections: one Salesforce org and up to two Clarizen instances, with their health. */
export function ConnectionsScreen() {
  const api = useApi();
  const [view, setView] = useState<ConnectionsView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [checking, setChecking] = useState(false);
  const [checked, setChecked] = useState("");
  const demoSetup = useDemoSetup(api);

  const reload = useCallback(() => {
    api.connections.view().then(
      (v) => {
        setView(v);
        setError(null);
      },
      (err: unknown) => setError(errorOf(err)),
    );
  }, [api]);

  useEffect(() => {
    reload();
    return api.on("connection.changed", reload);
  }, [api, reload]);

  const check = async () => {
    setChecking(true);
    setChecked("");
    try {
      const next = await api.connections.check();
      setView(next);
      setError(null);
      setChecked(checkSummary(next));
    } catch (err) {
      setError(errorOf(err));
    } finally {
      setChecking(false);
    }
  };

  const byId = (id: string): ConnectionStatus =>
    view?.connections.find((c) => c.id === id) ?? {
      id,
      system: id === "salesforce" ? "salesforce" : "clarizen",
      environment: "",
      state: "disconnected",
      isSandbox: false,
      apiUsed: 0,
      apiMax: 0,
      apiRemaining: 0,
    };
  const connected = view?.connections.filter((c) => c.state === "connected").length ?? 0;

  return (
    <div className="screen-stack">
      {view?.demo ? <DemoBanner demo={view.demo} /> : null}
      {connected < 2 ? (
        <div className="steps card">
          <h2>Connect both systems to start</h2>
          <ol className="steps__list">
            <li>
              <strong>Sign in to Salesforce.</strong> Liaison opens your browser on the Salesforce login page and keeps the
              token in the system keychain.
            </li>
            <li>
              <strong>Add a Clarizen instance</strong> with an API key or a user name and password. A second instance is
              optional.
            </li>
            <li>
              <strong>Install the best-practices package</strong> on the Mappings &amp; Events screen: five mappings and
              one event that you enable when you are ready.
            </li>
          </ol>
        </div>
      ) : null}
      {error ? <ErrorNote error={error} /> : null}
      <div className="toolbar">
        {checked ? (
          <p className="toolbar__note" role="status">
            {checked}
          </p>
        ) : null}
        <span className="toolbar__spacer" />
        <button type="button" className="button" disabled={checking || !view} onClick={() => void check()}>
          {checking ? "Checking…" : "Check connections"}
        </button>
      </div>
      <div className="card-grid">
        <SalesforceCard status={byId("salesforce")} demoSetup={view?.demo ? demoSetup : null} onChanged={reload} />
        {[1, 2].map((n) => (
          <ClarizenCard
            key={n}
            instance={n}
            status={byId(`clarizen${n}`)}
            demo={view?.demo?.clarizen.find((c) => c.instance === n)}
            onChanged={reload}
          />
        ))}
      </div>
      {view?.orgChange ? <OrgChangeDialog change={view.orgChange} onResolved={reload} /> : null}
    </div>
  );
}

/** Tells the user that the orgs are simulated and gives their logins. */
function DemoBanner({ demo }: { demo: DemoInfo }) {
  return (
    <section className="card demo-banner" aria-label="Demo workspace">
      <h2>Demo workspace</h2>
      <p>
        These orgs are simulators running on this computer, seeded with sample data. Their logins are made up for the
        demo.
      </p>
      <dl className="detail-list">
        <dt>Salesforce login page</dt>
        <dd>
          user <span className="mono" data-testid="demo-sf-username">{demo.salesforce.username}</span>, password{" "}
          <span className="mono" data-testid="demo-sf-password">
            {demo.salesforce.password}
          </span>
        </dd>
        {demo.clarizen.map((c) => (
          <div key={c.instance} className="detail-list__row">
            <dt>
              Clarizen instance {c.instance} ({c.environment})
            </dt>
            <dd>
              user <span className="mono">{c.userName}</span>, password <span className="mono">{c.password}</span>, API
              key <span className="mono">{c.apiKey}</span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

type SalesforcePhase =
  | { kind: "idle" }
  | { kind: "waiting" }
  | { kind: "paste"; authUrl: string; message: string }
  | { kind: "finishing" };

interface SalesforceCardProps {
  status: ConnectionStatus;
  /** The demo's setup, which may wait for this login; null outside the demo. */
  demoSetup: DemoSetupState | null;
  onChanged(): void;
}

function SalesforceCard({ status, demoSetup, onChanged }: SalesforceCardProps) {
  const api = useApi();
  const [host, setHost] = useState<LoginHost>(hostOf(status.environment));
  const [myDomain, setMyDomain] = useState(status.environment === "mydomain" ? (status.loginUrl ?? "") : "");
  const [notice, setNotice] = useState("");
  const [phase, setPhase] = useState<SalesforcePhase>({ kind: "idle" });
  const [pasted, setPasted] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [confirmDisconnect, setConfirmDisconnect] = useState(false);
  const isConnected = status.state !== "disconnected";

  // A disconnected org keeps its login choice, so the form starts from it.
  useEffect(() => {
    if (status.state !== "disconnected") return;
    setHost(hostOf(status.environment));
    if (status.environment === "mydomain" && status.loginUrl) setMyDomain(status.loginUrl);
  }, [status.state, status.environment, status.loginUrl]);

  // The demo's own setup waits for this login, so the card offers its
  // sign-in instead of starting a second login.
  const setupWaits = !isConnected && stepStatus(demoSetup, "salesforce") === "waiting";
  const loginPage = demoSetup?.loginPage;

  const login = async (run: () => Promise<SalesforceIdentity>, done?: (identity: SalesforceIdentity) => string) => {
    setError(null);
    setNotice("");
    setPhase({ kind: "waiting" });
    try {
      const identity = await run();
      setPhase({ kind: "idle" });
      if (done) setNotice(done(identity));
      onChanged();
    } catch (err) {
      const e = errorOf(err);
      if (e.code === "callback_port_busy" && e.details.authUrl) {
        setPhase({ kind: "paste", authUrl: e.details.authUrl, message: e.message });
        return;
      }
      setPhase({ kind: "idle" });
      if (e.code !== "cancelled") setError(e);
    }
  };

  const signIn = () =>
    login(() =>
      api.connections.connectSalesforce(host === "mydomain" ? { environment: host, myDomainUrl: myDomain.trim() } : { environment: host }),
    );

  const finishPasted = async () => {
    setPhase({ kind: "finishing" });
    setError(null);
    try {
      await api.connections.completePasted(pasted.trim());
      setPhase({ kind: "idle" });
      setPasted("");
      onChanged();
    } catch (err) {
      setError(errorOf(err));
      setPhase((p) => (p.kind === "finishing" ? { kind: "paste", authUrl: "", message: "" } : p));
    }
  };

  const cancel = async () => {
    await api.connections.cancelLogin().catch(() => undefined);
    setPhase({ kind: "idle" });
  };

  return (
    <section className="card" aria-labelledby="conn-sf" data-connection="salesforce">
      <div className="card__header">
        <span className="side-badge side-badge--salesforce">Salesforce</span>
        <h3 id="conn-sf" className="card__title">
          Salesforce org
        </h3>
        <StatePill state={status.state} />
      </div>
      <div className="card__body">
        {status.stateDetail ? <p className="problem">{status.stateDetail}</p> : null}
        {isConnected ? (
          <dl className="detail-list" aria-label="Salesforce identity">
            <dt>Org ID</dt>
            <dd className="mono" data-testid="sf-org-id">
              {status.orgId}
            </dd>
            <dt>User</dt>
            <dd>{status.username}</dd>
            <dt>Org type</dt>
            <dd>{status.isSandbox ? "Sandbox" : "Production"}</dd>
            <dt>Instance</dt>
            <dd className="mono">{status.instanceUrl}</dd>
            <dt>Daily API budget</dt>
            <dd data-testid="sf-api-budget">
              {status.apiMax > 0
                ? `${numberFormat.format(status.apiRemaining)} of ${numberFormat.format(status.apiMax)} requests left today`
                : "Known after the first call"}
            </dd>
            <dt>Last synced</dt>
            <dd>{formatTime(status.lastSyncedAt)}</dd>
          </dl>
        ) : (
          <>
            <div className="segmented" role="group" aria-label="Salesforce login">
              {(Object.keys(hostLabels) as LoginHost[]).map((h) => (
                <button key={h} type="button" className="segmented__item" aria-pressed={host === h} onClick={() => setHost(h)}>
                  {hostLabels[h]}
                </button>
              ))}
            </div>
            {host === "mydomain" ? (
              <input
                className="input"
                aria-label="My Domain login URL"
                placeholder="https://yourcompany.my.salesforce.com"
                value={myDomain}
                onChange={(e) => setMyDomain(e.target.value)}
              />
            ) : null}
            <p>
              {host === "sandbox"
                ? "Signs in through the sandbox login page. After a sandbox refresh, sign in again here."
                : "Signs in with OAuth in your browser; Liaison never sees your password."}
            </p>
          </>
        )}
        {phase.kind === "waiting" ? (
          <div className="waiting" role="status" aria-label="Waiting for the browser">
            <span className="spinner" aria-hidden="true" />
            <span>Waiting for the browser… Log in on the Salesforce page that opened and allow access.</span>
            <button type="button" className="button button--ghost" onClick={() => void cancel()}>
              Cancel
            </button>
          </div>
        ) : null}
        {(phase.kind === "waiting" || setupWaits) && demoSetup && loginPage ? <DemoSignIn page={loginPage} /> : null}
        {phase.kind === "paste" || phase.kind === "finishing" ? (
          <div className="paste-login" role="group" aria-label="Finish the login by pasting">
            <p className="problem">
              {phase.kind === "paste" && phase.message
                ? phase.message
                : "Another program uses Liaison's login port, so the browser cannot come back to Liaison by itself."}
            </p>
            <p>
              Log in on the page that opened
              {phase.kind === "paste" && phase.authUrl ? (
                <>
                  {" "}
                  (
                  <button type="button" className="link-button" onClick={() => void api.openUrl(phase.authUrl)}>
                    open it again
                  </button>
                  )
                </>
              ) : null}
              . Your browser then shows an error page: copy its whole address and paste it here.
            </p>
            <textarea
              className="input mono"
              aria-label="Address the browser ended on"
              rows={2}
              value={pasted}
              onChange={(e) => setPasted(e.target.value)}
            />
            <div className="button-row">
              <button type="button" className="button" onClick={() => void cancel()}>
                Cancel
              </button>
              <button
                type="button"
                className="button button--primary"
                disabled={pasted.trim() === "" || phase.kind === "finishing"}
                onClick={() => void finishPasted()}
              >
                Finish login
              </button>
            </div>
          </div>
        ) : null}
        {error ? <ErrorNote error={error} /> : null}
        {notice ? (
          <p className="notice" role="status">
            {notice}
          </p>
        ) : null}
      </div>
      <div className="button-row">
        {isConnected ? (
          <>
            <button
              type="button"
              className="button"
              onClick={() => {
                setNotice("");
                setConfirmDisconnect(true);
              }}
            >
              Disconnect
            </button>
            <button
              type="button"
              className="button button--primary"
              disabled={phase.kind !== "idle"}
              onClick={() =>
                void login(
                  () => api.connections.reauthenticateSalesforce(),
                  (identity) => `Signed in again as ${identity.username || "the same user"}${identity.orgId ? ` to org ${identity.orgId}` : ""}.`,
                )
              }
            >
              Re-authenticate
            </button>
          </>
        ) : (
          <button
            type="button"
            className="button button--primary"
            disabled={phase.kind !== "idle" || setupWaits || (host === "mydomain" && myDomain.trim() === "")}
            onClick={() => void signIn()}
          >
            <PlugIcon width={16} height={16} /> Sign in to Salesforce
          </button>
        )}
      </div>
      {confirmDisconnect ? (
        <DisconnectDialog
          connectionId="salesforce"
          onClose={() => setConfirmDisconnect(false)}
          onDisconnected={() => {
            setConfirmDisconnect(false);
            onChanged();
          }}
        />
      ) : null}
    </section>
  );
}

type ClarizenMethod = "password" | "apikey";

interface ClarizenCardProps {
  instance: number;
  status: ConnectionStatus;
  demo?: DemoInfo["clarizen"][number];
  onChanged(): void;
}

function ClarizenCard({ instance, status, demo, onChanged }: ClarizenCardProps) {
  const api = useApi();
  const id = `clarizen${instance}`;
  const [editing, setEditing] = useState(false);
  const [environment, setEnvironment] = useState<"production" | "sandbox">(status.environment === "sandbox" ? "sandbox" : "production");
  const [method, setMethod] = useState<ClarizenMethod>(status.authMethod === "apikey" ? "apikey" : "password");
  const [userName, setUserName] = useState(status.authMethod === "apikey" ? "" : (status.username ?? ""));
  const [confirmDisconnect, setConfirmDisconnect] = useState(false);
  const [notice, setNotice] = useState("");
  const [password, setPassword] = useState("");
  const [apiKey, setApiKey] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const isConnected = status.state !== "disconnected";
  const showForm = !isConnected || editing;
  // A disconnect keeps the sign-in method, so a disconnected instance that has one was connected before.
  const wasConnected = !isConnected && (status.authMethod ?? "") !== "";
  const dependents = useLoad(
    () => (wasConnected ? api.connections.dependents(id) : Promise.resolve([])),
    [api, id, wasConnected],
  );
  const paused = (dependents.data ?? []).filter((d) => d.enabled);

  // The view keeps an instance's environment, sign-in method and user name, also after a disconnect, so the
  // form starts from them whenever it opens.
  useEffect(() => {
    if (!showForm || !status.environment) return;
    setEnvironment(status.environment === "sandbox" ? "sandbox" : "production");
    setMethod(status.authMethod === "apikey" ? "apikey" : "password");
    if (status.authMethod !== "apikey" && status.username) setUserName(status.username);
  }, [showForm, status.environment, status.authMethod, status.username]);

  const fillDemo = () => {
    if (!demo) return;
    setEnvironment(demo.environment === "sandbox" ? "sandbox" : "production");
    setUserName(demo.userName);
    setPassword(demo.password);
    setApiKey(demo.apiKey);
  };

  const connect = async () => {
    setBusy(true);
    setError(null);
    setNotice("");
    const login: ClarizenLogin =
      method === "password"
        ? { connectionId: id, environment, userName: userName.trim(), password }
        : { connectionId: id, environment, apiKey: apiKey.trim() };
    try {
      const identity = await api.connections.connectClarizen(login);
      setPassword("");
      setApiKey("");
      setEditing(false);
      setNotice(
        `Signed in${identity.userName ? ` as ${identity.userName}` : ""} to organization ${identity.organizationId}${identity.dataCenter ? ` in data centre ${identity.dataCenter}` : ""}.`,
      );
      onChanged();
    } catch (err) {
      setError(errorOf(err));
    } finally {
      setBusy(false);
    }
  };

  const complete = method === "password" ? userName.trim() !== "" && password !== "" : apiKey.trim() !== "";

  return (
    <section className="card" aria-labelledby={`conn-cz-${instance}`} data-connection={id}>
      <div className="card__header">
        <span className="side-badge side-badge--clarizen">Clarizen</span>
        <h3 id={`conn-cz-${instance}`} className="card__title">
          Clarizen instance {instance}
        </h3>
        {instance === 2 && !isConnected && !wasConnected ? <span className="status">Optional</span> : <StatePill state={status.state} />}
      </div>
      <div className="card__body">
        {status.stateDetail ? <p className="problem">{status.stateDetail}</p> : null}
        {isConnected ? (
          <dl className="detail-list" aria-label={`Clarizen instance ${instance} identity`}>
            <dt>Environment</dt>
            <dd>{status.environment === "sandbox" ? "Sandbox" : "Production"}</dd>
            <dt>Data centre</dt>
            <dd className="mono" data-testid={`${id}-data-center`}>
              {status.dataCenter}
            </dd>
            <dt>Organization ID</dt>
            <dd className="mono">{status.orgId}</dd>
            <dt>User</dt>
            <dd>{status.username || "—"}</dd>
            <dt>Signs in with</dt>
            <dd>{status.authMethod === "apikey" ? "API key" : "User name and password"}</dd>
            <dt>Last synced</dt>
            <dd>{formatTime(status.lastSyncedAt)}</dd>
          </dl>
        ) : wasConnected ? (
          <>
            <p>
              Disconnected. Sign in again to resume syncing; the card kept the environment and the sign-in method.
            </p>
            {paused.length > 0 ? (
              <p className="problem problem--warning" data-testid={`${id}-paused`}>
                {paused.length === 1 ? "1 definition is" : `${paused.length} definitions are`} paused until you sign in again:{" "}
                {paused.map((d) => d.name).join(", ")}.
              </p>
            ) : null}
          </>
        ) : (
          <p>
            {instance === 1
              ? "Each mapping and event belongs to one Clarizen instance, production or sandbox."
              : "Optional: add a second instance to sync a sandbox beside production, or a second Clarizen organization."}
          </p>
        )}
        {showForm ? (
          <form
            className="form form--compact"
            aria-label={`Connect Clarizen instance ${instance}`}
            onSubmit={(e) => {
              e.preventDefault();
              if (complete) void connect();
            }}
          >
            <div className="segmented" role="group" aria-label={`Clarizen instance ${instance} environment`}>
              {(["production", "sandbox"] as const).map((env) => (
                <button
                  key={env}
                  type="button"
                  className="segmented__item"
                  aria-pressed={environment === env}
                  onClick={() => setEnvironment(env)}
                >
                  {env === "production" ? "Production" : "Sandbox"}
                </button>
              ))}
            </div>
            <div className="segmented" role="group" aria-label={`Clarizen instance ${instance} sign-in method`}>
              <button type="button" className="segmented__item" aria-pressed={method === "password"} onClick={() => setMethod("password")}>
                User name and password
              </button>
              <button type="button" className="segmented__item" aria-pressed={method === "apikey"} onClick={() => setMethod("apikey")}>
                API key
              </button>
            </div>
            {method === "password" ? (
              <>
                <label className="form-field">
                  User name
                  <input className="input" autoComplete="username" value={userName} onChange={(e) => setUserName(e.target.value)} />
                </label>
                <label className="form-field">
                  Password
                  <input
                    className="input"
                    type="password"
                    autoComplete="current-password"
                    value={password}
                    onChange={(e) => setPassword(e.target.value)}
                  />
                </label>
              </>
            ) : (
              <label className="form-field">
                API key
                <input className="input mono" type="password" value={apiKey} onChange={(e) => setApiKey(e.target.value)} />
              </label>
            )}
            <div className="button-row">
              {demo ? (
                <button type="button" className="button button--ghost" onClick={fillDemo}>
                  Fill in the demo login
                </button>
              ) : null}
              {editing ? (
                <button type="button" className="button" onClick={() => setEditing(false)}>
                  Cancel
                </button>
              ) : null}
              <button type="submit" className="button button--primary" disabled={busy || !complete}>
                {busy ? "Connecting…" : `Connect Clarizen instance ${instance}`}
              </button>
            </div>
          </form>
        ) : null}
        {error ? <ErrorNote error={error} /> : null}
        {notice && !showForm ? (
          <p className="notice" role="status">
            {notice}
          </p>
        ) : null}
      </div>
      {isConnected && !editing ? (
        <div className="button-row">
          <button
            type="button"
            className="button"
            onClick={() => {
              setNotice("");
              setConfirmDisconnect(true);
            }}
          >
            Disconnect
          </button>
          <button type="button" className="button" onClick={() => setEditing(true)}>
            Sign in again
          </button>
        </div>
      ) : null}
      {confirmDisconnect ? (
        <DisconnectDialog
          connectionId={id}
          authMethod={status.authMethod}
          onClose={() => setConfirmDisconnect(false)}
          onDisconnected={() => {
            setConfirmDisconnect(false);
            onChanged();
          }}
        />
      ) : null}
    </section>
  );
}

/** Asks what to do with the links after a re-authentication reached another Salesforce org. */
function OrgChangeDialog({ change, onResolved }: { change: OrgChange; onResolved(): void }) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const decide = async (decision: "rematch" | "reset") => {
    setBusy(true);
    setError(null);
    try {
      await api.connections.resolveOrgChange(decision);
      onResolved();
    } catch (err) {
      setError(errorOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="The Salesforce org changed"
      actions={
        <>
          <button type="button" className="button" disabled={busy} onClick={() => void decide("reset")}>
            Reset the links
          </button>
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void decide("rematch")}>
            Re-match by key fields
          </button>
        </>
      }
    >
      <p>
        The login reached org <span className="mono">{change.currentOrgId}</span>, but {change.links} existing links were
        made with org <span className="mono">{change.previousOrgId}</span>. A sandbox refresh does this: same address, new
        org, new record IDs.
      </p>
      <ul>
        <li>
          <strong>Re-match by key fields</strong> finds each linked record again by its mapping's Salesforce key field and
          keeps the link; links whose record is not found are dropped.
        </li>
        <li>
          <strong>Reset the links</strong> drops every link; the next sync pairs records through events and key fields as
          on a first run.
        </li>
      </ul>
      <p className="muted">Mappings stay paused until you choose.</p>
      {error ? <ErrorNote error={error} /> : null}
    </Dialog>
  );
}
