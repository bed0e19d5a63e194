import { useState } from "react";
import { PlugIcon } from "../components/common/icons";

type LoginHost = "production" | "sandbox" | "mydomain";

const hostLabels: Record<LoginHost, string> = { production: "Production", sandbox: "Sandbox", mydomain: "My Domain" };

/** Connections: one Salesforce org and up to two Clarizen instances. */
export function ConnectionsScreen() {
  const [host, setHost] = useState<LoginHost>("production");
  const [myDomain, setMyDomain] = useState("");

  return (
    <div className="screen-stack">
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
            <strong>Install the best-practices package</strong> on the Mappings &amp; Events screen: four mappings and
            one event that you enable when you are ready.
          </li>
        </ol>
      </div>

      <div className="card-grid">
        <section className="card" aria-labelledby="conn-sf">
          <div className="card__header">
            <span className="side-badge side-badge--salesforce">Salesforce</span>
            <h3 id="conn-sf" className="card__title">
              Salesforce org
            </h3>
            <span className="status">Not connected</span>
          </div>
          <div className="card__body">
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
          </div>
          <div className="button-row">
            <button type="button" className="button button--primary" disabled title="Available once the sync engine is connected">
              <PlugIcon width={16} height={16} /> Sign in to Salesforce
            </button>
          </div>
        </section>

        {[1, 2].map((n) => (
          <section key={n} className="card" aria-labelledby={`conn-cz-${n}`}>
            <div className="card__header">
              <span className="side-badge side-badge--clarizen">Clarizen</span>
              <h3 id={`conn-cz-${n}`} className="card__title">
                Clarizen instance {n}
              </h3>
              <span className="status">{n === 1 ? "Not connected" : "Optional"}</span>
            </div>
            <div className="card__body">
              <p>
                {n === 1
                  ? "Each mapping and event belongs to one Clarizen instance, production or sandbox."
                  : "Add a second instance to sync a sandbox beside production, or a second Clarizen organization."}
              </p>
            </div>
            <div className="button-row">
              <button type="button" className="button" disabled title="Available once the sync engine is connected">
                Add Clarizen instance
              </button>
            </div>
          </section>
        ))}
      </div>
    </div>
  );
}
