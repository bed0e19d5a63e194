import { useState } from "react";
import { useApi } from "../api/context";
import type { AppInfo, Settings } from "../api/types";
import { SettingsForm } from "../components/settings/SettingsForm";

/** Renders the Settings screen. Until the engine stores settings, the form starts from the defaults. */
export function SettingsScreen({ info }: { info: AppInfo | null }) {
  const api = useApi();
  const [notice, setNotice] = useState("");
  const value: Settings = {
    dataDir: info?.dataDir ?? "",
    logLevel: "info",
    conflictRule: "newestWins",
    apiBudgetReservePercent: 10,
  };

  return (
    <div className="screen-stack">
      <SettingsForm
        key={value.dataDir}
        value={value}
        onSave={() => setNotice("Settings are stored by the sync engine, which this build does not include yet.")}
        onBrowse={info?.hasWindow ? (current) => api.chooseDirectory("Choose the data folder", current) : undefined}
      />
      {notice ? (
        <p className="muted" role="status">
          {notice}
        </p>
      ) : null}
    </div>
  );
}
