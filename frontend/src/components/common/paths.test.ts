import { describe, expect, it } from "vitest";
import { maxPathLength, maxSegmentLength, pathPieces } from "./paths";

describe("pathPieces", () => {
  it.each([
    ["/tmp/liaison-demo-2466304375/data", ["/", "tmp/", "liaison-demo-2466304375/", "data"]],
    ["/root/.config/Liaison", ["/", "root/", ".config/", "Liaison"]],
    ["C:\\Users\\Ada\\AppData\\Roaming\\Liaison", ["C:\\", "Users\\", "Ada\\", "AppData\\", "Roaming\\", "Liaison"]],
    ["data", ["data"]],
  ])("keeps %s whole, split after each separator", (path, want) => {
    expect(pathPieces(path)).toEqual(want);
    expect(pathPieces(path).join("")).toBe(path);
  });

  it("shortens a folder name in its middle", () => {
    const long = "liaison-demo-folder-with-a-very-long-name-2466304375";
    const pieces = pathPieces(`/tmp/${long}/data`);
    expect(pieces[2]).toMatch(/^liaison-demo-.*….*2466304375\/$/);
    expect(pieces[2]!.length).toBe(maxSegmentLength + 1);
    expect(pieces[3]).toBe("data");
  });

  it("drops folders from the middle of a long path and keeps both ends", () => {
    const path = "/srv/team/shared/admins/liaison/workspaces/customer-success/2026/Liaison/data";
    const pieces = pathPieces(path);
    const shown = pieces.join("");
    expect(shown.length).toBeLessThanOrEqual(maxPathLength);
    expect(shown.startsWith("/srv/…/")).toBe(true);
    expect(shown.endsWith("/Liaison/data")).toBe(true);
    expect(pieces.filter((p) => p.startsWith("…"))).toHaveLength(1);
  });
});
