// The shell's layout rules, read from the stylesheet itself: jsdom does no
// layout, so the end-to-end tests check the real window height in Chromium.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const css = readFileSync(resolve(import.meta.dirname, "app.css"), "utf8");

/** Returns the declarations of the first rule whose selector list is exactly selector. */
function declarations(selector: string): Record<string, string> {
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`(?:^|\\n)${escaped}\\s*\\{([^}]*)\\}`).exec(css);
  if (!match) throw new Error(`app.css has no rule for ${selector}`);
  const out: Record<string, string> = {};
  for (const part of (match[1] ?? "").split(";")) {
    const [name, ...value] = part.split(":");
    if (name && value.length > 0) out[name.trim()] = value.join(":").trim();
  }
  return out;
}

describe("app.css shell layout", () => {
  it("keeps the document at the window height", () => {
    expect(declarations("html, body")).toMatchObject({ overflow: "hidden" });
  });

  it("scrolls only the page body", () => {
    const body = declarations(".page-body");
    expect(body.overflow).toBe("auto");
    expect(body["min-height"]).toBe("0");
  });

  it("contains absolutely placed children in the page body", () => {
    expect(declarations(".page-body").position).toBe("relative");
  });

  it("keeps scrolled-to editor feedback below the sticky header", () => {
    const margin = Number.parseInt(declarations(".editor__feedback")["scroll-margin-top"] ?? "0", 10);
    // The sticky header is one row of buttons with 8 px padding: roughly 50 px, an estimate.
    expect(margin).toBeGreaterThanOrEqual(52);
  });
});
