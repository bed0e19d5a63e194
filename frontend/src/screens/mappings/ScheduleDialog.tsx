import { useState } from "react";
import { useApi } from "../../api/context";
import type { ApiError } from "../../api/types";
import { Dialog } from "../../components/common/Dialog";
import { ErrorNote, errorOf } from "../../components/common/ErrorNote";
import { useLoad } from "../../state/useLoad";

/** Sets the two daily sync times and pauses or resumes scheduled runs. */
export function ScheduleDialog({ onClose }: { onClose(): void }) {
  const api = useApi();
  const schedule = useLoad(() => api.runs.schedule(), [api]);
  const [times, setTimes] = useState<string[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const shown = times ?? schedule.data?.dailyTimes ?? [];

  const setTime = (i: number, value: string) => {
    const next = [shown[0] ?? "", shown[1] ?? ""];
    next[i] = value;
    setTimes(next);
  };

  const run = async (what: () => Promise<unknown>, close: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await what();
      schedule.reload();
      if (close) onClose();
    } catch (err) {
      setError(errorOf(err));
    } finally {
      setBusy(false);
    }
  };

  const paused = schedule.data?.paused ?? false;
  return (
    <Dialog
      title="Sync schedule"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" disabled={busy || !schedule.data} onClick={() => void run(() => (paused ? api.runs.resumeSchedule() : api.runs.pauseSchedule()), false)}>
            {paused ? "Resume scheduled syncs" : "Pause scheduled syncs"}
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={busy || !schedule.data}
            onClick={() => void run(() => api.runs.saveSchedule(shown.filter((t) => t !== "")), true)}
          >
            Save schedule
          </button>
        </>
      }
    >
      <p>Liaison syncs every enabled mapping and event at these times each day. Social posts sync every hour.</p>
      <div className="input-group">
        <label className="inline-field">
          First daily sync
          <input className="input" type="time" value={shown[0] ?? ""} onChange={(e) => setTime(0, e.target.value)} />
        </label>
        <label className="inline-field">
          Second daily sync
          <input className="input" type="time" value={shown[1] ?? ""} onChange={(e) => setTime(1, e.target.value)} />
        </label>
      </div>
      {schedule.data ? (
        <p className="muted" data-testid="schedule-state">
          {paused
            ? "Scheduled syncs are paused; Sync Now still works."
            : schedule.data.nextDaily
              ? `Next scheduled sync: ${new Date(schedule.data.nextDaily).toLocaleString()}.`
              : "No daily sync is scheduled."}
        </p>
      ) : null}
      {schedule.error ? <ErrorNote error={schedule.error} /> : null}
      {error ? <ErrorNote error={error} /> : null}
    </Dialog>
  );
}
