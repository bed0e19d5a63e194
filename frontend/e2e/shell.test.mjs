// End-to-end tests of the desktop shell: the real frontend in Chromium,
// talking to the real Go app layer through the Wails dev server.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { outputDir, startApp } from "./harness.mjs";

describe("desktop shell", () => {
  let app;
  const pageErrors = [];

  before(async () => {
    app = await startApp();
    app.page.on("pageerror", (err) => pageErrors.push(err.message));
    await app.page.goto(app.baseURL);
  });

  after(async () => {
    await app?.stop();
  });

  it("renders the first screen and reports ready", async () => {
    const { page } = app;
    await page.getByRole("heading", { level: 1, name: "Connections" }).waitFor();
    await page.waitForFunction(() => document.querySelector(".brand__name") !== null);
    const deadline = Date.now() + 30_000;
    while (app.reportLines("ready").every((r) => r.userAgent.includes("wails.io")) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const fromChromium = app.reportLines("ready").filter((r) => !r.userAgent.includes("wails.io"));
    assert.equal(fromChromium.length, 1, "Chromium's page called Ready once");
    assert.equal(fromChromium[0].screen, "connections");
    await page.screenshot({ path: join(outputDir, "connections.png") });
  });

  it("calls bound Go methods", async () => {
    const info = await app.page.evaluate(() => window.go.app.App.Info());
    assert.equal(info.dataDir, app.dataDir);
    assert.equal(typeof info.version, "string");
  });

  it("receives typed errors from bound methods", async () => {
    const rejection = await app.page.evaluate(() => window.go.app.App.OpenURL("javascript:alert(1)").then(() => null, (e) => e));
    assert.equal(rejection.code, "invalid_url");
    assert.match(rejection.message, /only http and https/);
  });

  it("shows every screen", async () => {
    const { page } = app;
    const screens = [
      ["mappings", "Mappings & Events", "No mappings or events yet"],
      ["registry", "Sync registry", "Nothing has synced yet"],
      ["preview", "Project preview", "No linked project yet"],
      ["settings", "Settings", "API budget reserve (%)"],
      ["connections", "Connections", "Connect both systems to start"],
    ];
    for (const [id, title, text] of screens) {
      await page.getByRole("navigation", { name: "Screens" }).getByRole("link", { name: title }).click();
      await page.getByRole("heading", { level: 1, name: title }).waitFor();
      await page.getByText(text, { exact: false }).first().waitFor();
      await page.screenshot({ path: join(outputDir, `${id}.png`) });
    }
  });

  it("reports no frontend error", () => {
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(app.reportLines("error"), []);
  });
});
