// The registry's layout rules, read from the stylesheet: jsdom does no layout, so these check that the
// detail pane leaves the table's columns their minimum widths instead of covering them.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const css = readFileSync(resolve(import.meta.dirname, "screens.css"), "utf8");

/** Returns the declarations of every rule whose selector list contains selector, later rules last. */
function declarations(selector: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const match of css.matchAll(/(?:^|\n)([^{}\n/][^{}]*)\{([^}]*)\}/g)) {
    const selectors = (match[1] ?? "").split(",").map((s) => s.trim());
    if (!selectors.includes(selector)) continue;
    for (const part of (match[2] ?? "").split(";")) {
      const [name, ...value] = part.split(":");
      if (name && value.length > 0) out[name.trim()] = value.join(":").trim();
    }
  }
  return out;
}

/** Returns the sum of the minimum widths in pixels of a grid-template-columns value. */
function minimumWidth(columns: string): number {
  let total = 0;
  for (const m of columns.matchAll(/minmax\((\d+)px|(?:^|\s)(\d+)px/g)) total += Number(m[1] ?? m[2]);
  return total;
}

describe("screens.css registry layout", () => {
  it("keeps the detail pane beside the table, not over it", () => {
    const pane = { ...declarations(".registry__body--detail .detail-pane"), ...declarations(".registry .detail-pane") };
    expect(pane.position).toBeUndefined();
    expect(pane.width).toBe("340px");
  });

  it("scrolls the table sideways instead of squeezing its columns", () => {
    expect(declarations(".registry .vtable")["overflow-x"]).toBe("auto");
    const columns = minimumWidth(declarations(".vtable__row")["grid-template-columns"] ?? "");
    expect(columns).toBeGreaterThan(700);
    for (const part of [".registry .vtable__head", ".registry .vtable__scroll"]) {
      expect(declarations(part)["min-width"], part).toBe(`${columns}px`);
    }
  });
});
