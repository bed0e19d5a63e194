import { useState } from "react";
import { useApi } from "../api/context";
import type { ApiError, Settings } from "../api/types";
import { ErrorNote, errorOf } from "../components/common/ErrorNote";
import { SettingsForm, type SettingsProblem } from "../components/settings/SettingsForm";
import { useLoad } from "../state/useLoad";

/** Names the setting an engine message is about, so the form shows it next to that field. */
function problemField(message: string): keyof Settings | null {
  const m = message.toLowerCase();
  if (m.includes("reserve")) return "budgetReservePercent";
  if (m.includes("log level")) return "logLevel";
  if (m.includes("conflict rule")) return "conflictRule";
  if (m.includes("social")) return "socialIntervalMinutes";
  if (m.includes("time")) return "dailyTimes";
  if (m.includes("consumer key") || m.includes("client id")) return "clientId";
  return null;
}

/** Renders the Settings screen: the engine's settings, saved through the engine, which checks them again. */
export function SettingsScreen() {
  const api = useApi();
  const loaded = useLoad(() => api.settings.get(), [api]);
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<SettingsProblem[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState("");

  const save = async (s: Settings) => {
    setSaving(true);
    setProblems([]);
    setError(null);
    setNotice("");
    try {
      await api.settings.save(s);
      setNotice("Settings saved. The schedule applies at once.");
      loaded.reload();
    } catch (err) {
      const e = errorOf(err);
      const field = e.code === "invalid_input" ? problemField(e.message) : null;
      if (field) setProblems([{ field, message: e.message }]);
      else setError(e);
    } finally {
      setSaving(false);
    }
  };

  if (loaded.error && !loaded.data) {
    return <ErrorNote error={loaded.error} />;
  }
  if (!loaded.data) {
    return <p className="muted">Loading settings…</p>;
  }
  return (
    <div className="screen-stack">
      <SettingsForm
        key={JSON.stringify(loaded.data)}
        value={loaded.data}
        problems={problems}
        saving={saving}
        onSave={(s) => void save(s)}
        onEdit={() => setNotice("")}
      />
      {error ? <ErrorNote error={error} /> : null}
      {notice ? (
        <p className="muted" role="status">
          {notice}
        </p>
      ) : null}
    </div>
  );
}
