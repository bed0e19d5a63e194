import { useState, type FormEvent } from "react";
import type { ConflictRule, LogLevel, Settings } from "../../api/types";

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
  /** Opens the folder dialog and resolves to the chosen folder, or "" when cancelled. */
  onBrowse?(current: string): Promise<string>;
}

const logLevels: { value: LogLevel; label: string }[] = [
  { value: "debug", label: "Debug: every request and decision" },
  { value: "info", label: "Info: runs, records written, warnings" },
  { value: "warn", label: "Warning: problems only" },
  { value: "error", label: "Error: failures only" },
];

const conflictRules: { value: ConflictRule; label: string; help: string }[] = [
  { value: "newestWins", label: "Newest change wins", help: "Compares each side's last modified time." },
  { value: "salesforceWins", label: "Salesforce wins", help: "The Salesforce value is kept." },
  { value: "clarizenWins", label: "Clarizen wins", help: "The Clarizen value is kept." },
];

/** Checks what the form can check alone; the engine checks the rest when saving. */
export function checkSettings(s: Settings): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  if (s.dataDir.trim() === "") {
    problems.push({ field: "dataDir", message: "Choose a data folder." });
  }
  const reserve = s.apiBudgetReservePercent;
  if (!Number.isInteger(reserve) || reserve < 0 || reserve > 100) {
    problems.push({ field: "apiBudgetReservePercent", message: "Enter a whole number from 0 to 100." });
  }
  return problems;
}

/** Edits the settings: data folder, log level, default conflict rule and API budget reserve. */
export function SettingsForm({ value, problems = [], saving = false, onSave, onBrowse }: SettingsFormProps) {
  const [draft, setDraft] = useState<Settings>(value);
  const [checked, setChecked] = useState<SettingsProblem[]>([]);
  const changed = JSON.stringify(draft) !== JSON.stringify(value);
  const all = [...checked, ...problems];
  const problemFor = (field: keyof Settings) => all.find((p) => p.field === field)?.message;

  const set = <K extends keyof Settings>(key: K, v: Settings[K]) => {
    setDraft((d) => ({ ...d, [key]: v }));
    setChecked([]);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = checkSettings(draft);
    setChecked(found);
    if (found.length === 0) {
      onSave(draft);
    }
  };

  const browse = async () => {
    if (!onBrowse) return;
    const chosen = await onBrowse(draft.dataDir);
    if (chosen !== "") set("dataDir", chosen);
  };

  const describedBy = (field: keyof Settings, help: string) => (problemFor(field) ? `${help} ${field}-problem` : help);

  return (
    <form className="form" onSubmit={submit} aria-label="Settings" noValidate>
      <div className="form-field">
        <label htmlFor="settings-data-dir">Data folder</label>
        <div className="input-group">
          <input
            id="settings-data-dir"
            className="input mono"
            value={draft.dataDir}
            aria-invalid={problemFor("dataDir") !== undefined}
            aria-describedby={describedBy("dataDir", "settings-data-dir-help")}
            onChange={(e) => set("dataDir", e.target.value)}
          />
          {onBrowse ? (
            <button type="button" className="button" onClick={() => void browse()}>
              Browse…
            </button>
          ) : null}
        </div>
        <p id="settings-data-dir-help" className="form-help">
          Holds the database with the sync registry and the log files. Liaison restarts to use a new folder.
        </p>
        {problemFor("dataDir") ? (
          <p id="dataDir-problem" className="problem" role="alert">
            {problemFor("dataDir")}
          </p>
        ) : null}
      </div>

      <div className="form-field">
        <label htmlFor="settings-log-level">Log level</label>
        <select id="settings-log-level" className="select" value={draft.logLevel} onChange={(e) => set("logLevel", e.target.value as LogLevel)}>
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
          max={100}
          step={1}
          value={Number.isNaN(draft.apiBudgetReservePercent) ? "" : draft.apiBudgetReservePercent}
          aria-invalid={problemFor("apiBudgetReservePercent") !== undefined}
          aria-describedby={describedBy("apiBudgetReservePercent", "settings-reserve-help")}
          onChange={(e) => set("apiBudgetReservePercent", e.target.value === "" ? Number.NaN : Number(e.target.value))}
        />
        <p id="settings-reserve-help" className="form-help">
          A run stops cleanly, leaving records Pending, when less than this share of the daily Salesforce API limit is
          left, so other integrations keep working.
        </p>
        {problemFor("apiBudgetReservePercent") ? (
          <p id="apiBudgetReservePercent-problem" className="problem" role="alert">
            {problemFor("apiBudgetReservePercent")}
          </p>
        ) : null}
      </div>

      <div className="button-row">
        <button type="button" className="button" disabled={!changed || saving} onClick={() => { setDraft(value); setChecked([]); }}>
          Revert
        </button>
        <button type="submit" className="button button--primary" disabled={!changed || saving}>
          {saving ? "Saving…" : "Save settings"}
        </button>
      </div>
    </form>
  );
}
