import { describe, expect, it } from "vitest";
import { countOf } from "./plural";

describe("countOf", () => {
  it.each([
    [0, "event", undefined, "0 events"],
    [1, "event", undefined, "1 event"],
    [2, "mapping", undefined, "2 mappings"],
    [1200, "row", undefined, "1,200 rows"],
    [2, "entry", "entries", "2 entries"],
  ])("counts %i %s", (n, noun, pluralNoun, text) => {
    expect(countOf(n, noun, pluralNoun)).toBe(text);
  });
});
