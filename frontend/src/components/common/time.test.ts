import { describe, expect, it } from "vitest";
import { formatShortTime, formatTime, splitTimedLine } from "./time";

describe("splitTimedLine", () => {
  it.each([
    ["engine result", "2026-12-04T22:56:38Z: 39 created, 0 failed", "2026-12-04T22:56:38Z", "39 created, 0 failed"],
    ["offset and fraction", "2026-12-04T23:56:38.25+01:00: fired for 3 records", "2026-12-04T23:56:38.25+01:00", "fired for 3 records"],
    ["no time", "Not synced yet", "", "Not synced yet"],
    ["date only", "2026-12-04: 3 created", "", "2026-12-04: 3 created"],
    ["impossible month", "2026-13-04T22:56:38Z: 3 created", "", "2026-13-04T22:56:38Z: 3 created"],
  ])("splits %s", (_name, line, time, text) => {
    const got = splitTimedLine(line);
    expect(got.time).toBe(time);
    expect(got.text).toBe(text);
  });
});

describe("formatTime", () => {
  it("formats a time without its ISO spelling", () => {
    const out = formatTime("2026-12-04T22:56:38Z");
    expect(out).not.toContain("T22:56");
    expect(out).toMatch(/2026/);
  });

  it("keeps text that is no time", () => {
    expect(formatTime("soon")).toBe("soon");
    expect(formatTime("")).toBe("");
  });
});

describe("formatShortTime", () => {
  it("is no longer than the medium format", () => {
    const time = "2026-12-04T22:56:38Z";
    expect(formatShortTime(time).length).toBeLessThanOrEqual(formatTime(time).length);
    expect(formatShortTime(time)).not.toContain("T22:56");
  });

  it("keeps text that is no time", () => {
    expect(formatShortTime("later")).toBe("later");
  });
});
