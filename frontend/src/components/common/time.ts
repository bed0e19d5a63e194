// Formats the RFC 3339 times the Go side sends for the user's locale.

const rfc3339Prefix = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))(?::\s*|\s+)(.*)$/s;

/** Formats an RFC 3339 time as a short date and time in the user's locale. Text that is no time comes back unchanged. */
export function formatTime(time: string): string {
  const d = new Date(time);
  if (time === "" || Number.isNaN(d.getTime())) return time;
  return d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** Formats an RFC 3339 time as a numeric date and time in the user's locale, for narrow table columns. */
export function formatShortTime(time: string): string {
  const d = new Date(time);
  if (time === "" || Number.isNaN(d.getTime())) return time;
  return d.toLocaleString(undefined, { dateStyle: "short", timeStyle: "short" });
}

/** A line that starts with an RFC 3339 time, such as the engine's "2026-12-04T22:56:38Z: 39 created, …". */
export interface TimedLine {
  /** The RFC 3339 time, or "" when the line does not start with one. */
  time: string;
  /** The rest of the line after the time and its colon. */
  text: string;
}

/** Splits the leading RFC 3339 time off a line. A line without one comes back whole as text. */
export function splitTimedLine(line: string): TimedLine {
  const m = rfc3339Prefix.exec(line);
  if (!m || Number.isNaN(new Date(m[1] ?? "").getTime())) return { time: "", text: line };
  return { time: m[1] ?? "", text: m[2] ?? "" };
}
