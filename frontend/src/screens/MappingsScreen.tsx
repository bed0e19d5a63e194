import { useState } from "react";
import { EmptyState } from "../components/common/EmptyState";
import { MapIcon } from "../components/common/icons";

/** Mappings & Events: one list of both, with the ribbon of commands above it. */
export function MappingsScreen({ onGoToConnections }: { onGoToConnections(): void }) {
  const [menu, setMenu] = useState<"sync" | "add" | null>(null);
  const toggle = (m: "sync" | "add") => setMenu((cur) => (cur === m ? null : m));

  return (
    <div className="screen-stack">
      <div className="ribbon" role="toolbar" aria-label="Mappings and events">
        <button type="button" className="button button--ghost" disabled>
          Enable
        </button>
        <button type="button" className="button button--ghost" disabled>
          Disable
        </button>
        <span className="ribbon__sep" />
        <div className="menu">
          <button type="button" className="button button--ghost" aria-haspopup="menu" aria-expanded={menu === "sync"} onClick={() => toggle("sync")}>
            Sync ▾
          </button>
          {menu === "sync" ? (
            <ul className="menu__list" role="menu">
              <li role="none">
                <button type="button" role="menuitem" className="button" disabled>
                  Sync Now
                </button>
              </li>
              <li role="none">
                <button type="button" role="menuitem" className="button" disabled>
                  Sync Schedule…
                </button>
              </li>
            </ul>
          ) : null}
        </div>
        <div className="menu">
          <button type="button" className="button button--ghost" aria-haspopup="menu" aria-expanded={menu === "add"} onClick={() => toggle("add")}>
            Add New ▾
          </button>
          {menu === "add" ? (
            <ul className="menu__list" role="menu">
              <li role="none">
                <button type="button" role="menuitem" className="button" disabled>
                  Mapping
                </button>
              </li>
              <li role="none">
                <button type="button" role="menuitem" className="button" disabled>
                  Event
                </button>
              </li>
            </ul>
          ) : null}
        </div>
        <button type="button" className="button button--ghost" disabled>
          Delete
        </button>
        <span className="ribbon__sep" />
        <button type="button" className="button button--ghost" disabled>
          Export
        </button>
        <button type="button" className="button button--ghost" disabled>
          Import
        </button>
      </div>

      <EmptyState
        icon={<MapIcon />}
        title="No mappings or events yet"
        actions={
          <button type="button" className="button button--primary" onClick={onGoToConnections}>
            Go to Connections
          </button>
        }
      >
        <p>
          A mapping pairs a Clarizen entity with a Salesforce object, such as Project with Opportunity; an event says when
          a record starts to sync. Connect Salesforce and a Clarizen instance, then install the best-practices package or
          choose Add New ▸ Mapping.
        </p>
      </EmptyState>
    </div>
  );
}
