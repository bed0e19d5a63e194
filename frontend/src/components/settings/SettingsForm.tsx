import { useState, type FormEvent } from "react";
import type { Settings } from "../../api/types";

/** A problem with one setting, from the engine or from the form's own check. */
export interface SettingsProblem {
  field: keyof Settings;
  message: string;
}

export interface SettingsFormProps {
  value: Settings;
  /** The engine's problems from the last save. */
  problems?: SettingsProblem[];
  saving?: boolean;
  onSave(settings: Settings): void;
  /** Called when a field changes or the form's own check rejects a save, so the screen can drop an old "saved" message. */
  onEdit?(): void;
}

const logLevels: { value: string; label: string }[] = [
  { value: "debug", label: "Debug: every request and decision" },
  { value: "info", label: "Info: runs, records written, warnings" },
  { value: "warn", label: "Warning: problems only" },
  { value: "error", label: "Error: failures only" },
];

const conflictRules: { value: string; label: string; help: string }[] = [
  { value: "newest_wins", label: "Newest change wins", help: "Compares each side's last modified time." },
  { value: "salesforce_wins", label: "Salesforce wins", help: "The Salesforce value is kept." },
  { value: "clarizen_wins", label: "Clarizen wins", help: "The Clarizen value is kept." },
];

const timePattern = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Checks what the form can check alone; the engine checks every value again when saving. */
export function checkSettings(s: Settings): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  const reserve = s.budgetReservePercent;
  if (!Number.isInteger(reserve) || reserve < 0 || reserve > 90) {
    problems.push({ field: "budgetReservePercent", message: "Enter a whole number from 0 to 90." });
  }
  const times = s.dailyTimes.filter((t) => t.trim() !== "");
  if (times.some((t) => !timePattern.test(t))) {
    problems.push({ field: "dailyTimes", message: "Enter times as HH:MM, such as 06:30." });
  } else if (new Set(times).size !== times.length) {
    problems.push({ field: "dailyTimes", message: "Choose two different times, or only one." });
  }
  if (s.clientId.trim() === "") {
    problems.push({ field: "clientId", message: "Enter the consumer key, or liaison-desktop for Liaison's own connected app." });
  } else if (/\s/.test(s.clientId.trim())) {
    problems.push({ field: "clientId", message: "A consumer key has no spaces: copy it again from Salesforce Setup." });
  }
  const social = s.socialIntervalMinutes;
  if (!Number.isInteger(social) || social < 5 || social > 1440) {
    problems.push({ field: "socialIntervalMinutes", message: "Enter a whole number of minutes from 5 to 1440." });
  }
  return problems;
}

/**
 * Edits the settings: log level, default conflict rule, API budget reserve, the sync schedule and the
 * Salesforce connected app's consumer key. Shows the data folder read-only.
 */
export function SettingsForm({ value, problems = [], saving = false, onSave, onEdit }: SettingsFormProps) {
  const [draft, setDraft] = useState<Settings>(value);
  const [checked, setChecked] = useState<SettingsProblem[]>([]);
  const changed = JSON.stringify(draft) !== JSON.stringify(value);
  const all = [...checked, ...problems];
  const problemFor = (field: keyof Settings) => all.find((p) => p.field === field)?.message;

  const set = <K extends keyof Settings>(key: K, v: Settings[K]) => {
    setDraft((d) => ({ ...d, [key]: v }));
    setChecked([]);
    onEdit?.();
  };

  const setTime = (index: number, time: string) => {
    const times = [draft.dailyTimes[0] ?? "", draft.dailyTimes[1] ?? ""];
    times[index] = time;
    set(
      "dailyTimes",
      times.filter((t) => t !== ""),
    );
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = checkSettings(draft);
    setChecked(found);
    if (found.length === 0) {
      onSave({ ...draft, clientId: draft.clientId.trim() });
    } else {
      onEdit?.();
    }
  };

  const describedBy = (field: keyof Settings, help: string) => (problemFor(field) ? `${help} ${field}-problem` : help);
  const problemLine = (field: keyof Settings) =>
    problemFor(field) ? (
      <p id={`${field}-problem`} className="problem" role="alert">
        {problemFor(field)}
      </p>
    ) : null;

  return (
    <form className="form" onSubmit={submit} aria-label="Settings" noValidate>
      <div className="form-field">
        <label htmlFor="settings-data-dir">Data folder</label>
        <input id="settings-data-dir" className="input mono" value={draft.dataDir} readOnly aria-describedby="settings-data-dir-help" />
        <p id="settings-data-dir-help" className="form-help">
          Holds the database with the sync registry and the log files. To use another folder, start Liaison with
          --data-dir or the LIAISON_DATA_DIR environment variable.
        </p>
      </div>

      <div className="form-field">
        <label htmlFor="settings-log-level">Log level</label>
        <select id="settings-log-level" className="select" value={draft.logLevel} onChange={(e) => set("logLevel", e.target.value)}>
          {logLevels.map((l) => (
            <option key={l.value} value={l.value}>
              {l.label}
            </option>
          ))}
        </select>
      </div>

      <fieldset className="form-field">
        <legend>When a field changed on both sides</legend>
        {conflictRules.map((r) => (
          <label key={r.value} className="radio">
            <input
              type="radio"
              name="conflictRule"
              value={r.value}
              checked={draft.conflictRule === r.value}
              onChange={() => set("conflictRule", r.value)}
            />
            <span>
              {r.label}
              <span className="form-help"> {r.help}</span>
            </span>
          </label>
        ))}
        <p className="form-help">The default for new mappings; each mapping can set its own rule.</p>
      </fieldset>

      <div className="form-field">
        <label htmlFor="settings-reserve">API budget reserve (%)</label>
        <input
          id="settings-reserve"
          className="input input--narrow"
          type="number"
          min={0}
          max={90}
          step={1}
          value={Number.isNaN(draft.budgetReservePercent) ? "" : draft.budgetReservePercent}
          aria-invalid={problemFor("budgetReservePercent") !== undefined}
          aria-describedby={describedBy("budgetReservePercent", "settings-reserve-help")}
          onChange={(e) => set("budgetReservePercent", e.target.value === "" ? Number.NaN : Number(e.target.value))}
        />
        <p id="settings-reserve-help" className="form-help">
          A run stops cleanly, leaving records Pending, when less than this share of the daily Salesforce API limit is
          left, so other integrations keep working.
        </p>
        {problemLine("budgetReservePercent")}
      </div>

      <fieldset className="form-field" aria-describedby={describedBy("dailyTimes", "settings-schedule-help")}>
        <legend>Sync schedule</legend>
        <div className="input-group">
          <label className="inline-field">
            First daily sync
            <input className="input" type="time" value={draft.dailyTimes[0] ?? ""} onChange={(e) => setTime(0, e.target.value)} />
          </label>
          <label className="inline-field">
            Second daily sync
            <input className="input" type="time" value={draft.dailyTimes[1] ?? ""} onChange={(e) => setTime(1, e.target.value)} />
          </label>
        </div>
        <p id="settings-schedule-help" className="form-help">
          At these times Liaison syncs every enabled mapping and event. Leave both empty to sync only with Sync Now.
        </p>
        {problemLine("dailyTimes")}
      </fieldset>

      <div className="form-field">
        <label htmlFor="settings-social">Social sync interval (minutes)</label>
        <input
          id="settings-social"
          className="input input--narrow"
          type="number"
          min={5}
          max={1440}
          step={1}
          value={Number.isNaN(draft.socialIntervalMinutes) ? "" : draft.socialIntervalMinutes}
          aria-invalid={problemFor("socialIntervalMinutes") !== undefined}
          aria-describedby={describedBy("socialIntervalMinutes", "settings-social-help")}
          onChange={(e) => set("socialIntervalMinutes", e.target.value === "" ? Number.NaN : Number(e.target.value))}
        />
        <p id="settings-social-help" className="form-help">
          How often Chatter posts and Clarizen discussions of linked records sync.
        </p>
        {problemLine("socialIntervalMinutes")}
      </div>

      <div className="form-field">
        <label htmlFor="settings-client-id">Salesforce connected app consumer key</label>
        <input
          id="settings-client-id"
          className="input mono"
          value={draft.clientId}
          readOnly={draft.clientIdFixed === true}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={problemFor("clientId") !== undefined}
          aria-describedby={describedBy("clientId", "settings-client-id-help")}
          onChange={(e) => set("clientId", e.target.value)}
        />
        <p id="settings-client-id-help" className="form-help">
          The consumer key of the connected app your Salesforce admin created for Liaison, from the app's OAuth
          settings in Salesforce Setup. The app needs the callback URL http://127.0.0.1:1717/oauth/callback and the
          scopes api and refresh_token. Keep liaison-desktop unless your org uses its own connected app. After a
          change, sign in to Salesforce again on the Connections screen.
          {draft.clientIdFixed ? " Liaison was started with this key fixed, as the demo does, so it cannot change here." : ""}
        </p>
        {problemLine("clientId")}
      </div>

      <div className="button-row">
        <button
          type="button"
          className="button"
          disabled={!changed || saving}
          onClick={() => {
            setDraft(value);
            setChecked([]);
          }}
        >
          Revert
        </button>
        <button type="submit" className="button button--primary" disabled={!changed || saving}>
          {saving ? "Saving…" : "Save settings"}
        </button>
      </div>
    </form>
  );
}
