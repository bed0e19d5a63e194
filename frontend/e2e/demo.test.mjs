// End-to-end test of `liaison demo` with a window: the window opens at
// once, and the demo connects, waits for the Salesforce sign-in, installs
// the package and runs the first sync behind it, with the progress on the
// page. The test signs in through the app's "Sign in for me" button, as a
// presenter without a working system browser would.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { outputDir, startApp } from "./harness.mjs";

// Deadlines for steps that wait on the engine; none is a measurement.
const setupTimeoutMs = 60_000;
const syncTimeoutMs = 300_000;

async function waitFor(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function waitForAsync(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function shot(page, name) {
  await page.screenshot({ path: join(outputDir, `${name}.png`), fullPage: false });
}

describe("demo workspace set up behind the window", () => {
  let app;
  let page;
  const pageErrors = [];

  before(async () => {
    app = await startApp({ args: ["demo", "--browser", "none"], logName: "demo-app.log" });
    page = app.page;
    page.setDefaultTimeout(30_000);
    page.on("pageerror", (err) => pageErrors.push(err.message));
    await page.goto(app.baseURL);
    await page.getByRole("heading", { level: 1, name: "Connections" }).waitFor();
  });

  after(async () => {
    await app?.stop();
  });

  it("waits for the Salesforce sign-in with the demo login shown", async () => {
    const setup = page.getByRole("region", { name: "Demo setup" });
    await setup.waitFor({ timeout: setupTimeoutMs });
    const signIn = setup.getByRole("group", { name: "Sign in to the demo Salesforce org" });
    await signIn.waitFor({ timeout: setupTimeoutMs });
    assert.match(await signIn.textContent(), /Sign in to the demo Salesforce org in your browser/);
    assert.match(await signIn.getByTestId("demo-signin-username").textContent(), /@/);
    assert.equal(await setup.locator('[data-step="clarizen1"]').getAttribute("data-status"), "done");
    assert.equal(await setup.locator('[data-step="salesforce"]').getAttribute("data-status"), "waiting");
    assert.match(app.log(), /demo salesforce login page: http:\/\/127\.0\.0\.1:/);
    await shot(page, "demo-setup-sign-in");
  });

  it("signs in for the user, installs the package and runs the first sync", async () => {
    const setup = page.getByRole("region", { name: "Demo setup" });
    await setup.getByRole("button", { name: "Sign in for me" }).click();
    // Waiting for the demo's terminal line first makes a slow machine and
    // a window event that never arrived fail with different messages.
    await waitFor("the setup to finish", () => /The demo workspace is ready/.test(app.log()), syncTimeoutMs);
    try {
      await setup.getByText("The demo workspace is ready").waitFor({ timeout: 30_000 });
    } catch (err) {
      await shot(page, "demo-setup-failed");
      throw err;
    }
    for (const id of ["clarizen1", "clarizen2", "salesforce", "package", "sync"]) {
      assert.equal(await setup.locator(`[data-step="${id}"]`).getAttribute("data-status"), "done", `step ${id}`);
    }
    const summary = page.getByRole("status", { name: "Sync summary" });
    await summary.waitFor({ timeout: syncTimeoutMs });
    assert.match(await summary.textContent(), /Demo sync · run \d+/);
    await shot(page, "demo-setup-done");
    // The summary is one line, and Details opens the table per mapping.
    await summary.getByRole("button", { name: "Details" }).click();
    const details = page.getByRole("dialog", { name: /: run \d+$/ });
    const headers = await details.getByRole("columnheader").allTextContents();
    assert.ok(headers.includes("Linked") && headers.includes("Matched"), `summary columns: ${headers}`);
    // The milestone mapping has nothing to do on a first sync; its row is
    // listed all the same, as every mapping of the run is.
    await details.getByRole("rowheader", { name: "Milestone to Clarizen milestone" }).waitFor();
    await page.keyboard.press("Escape");

    const sf = page.locator('[data-connection="salesforce"]');
    assert.equal(await sf.locator("[data-state]").first().getAttribute("data-state"), "connected");
  });

  it("re-authenticates Salesforce through Sign in for me, and Cancel frees the card", async () => {
    // The dev server handles a page's bound calls one after another, so a login call that waited for the
    // browser would hold up Sign in for me, Cancel and every later call of this page.
    const sf = page.locator('[data-connection="salesforce"]');
    const reauthenticate = sf.getByRole("button", { name: "Re-authenticate" });
    await reauthenticate.click();
    await sf.getByRole("group", { name: "Sign in to the demo Salesforce org" }).getByRole("button", { name: "Sign in for me" }).click();
    await sf.getByRole("status").filter({ hasText: "Signed in again as" }).waitFor({ timeout: setupTimeoutMs });

    await reauthenticate.click();
    await sf.getByRole("status", { name: "Waiting for the browser" }).getByRole("button", { name: "Cancel" }).click();
    await waitForAsync("Re-authenticate to be enabled again", () => reauthenticate.isEnabled(), setupTimeoutMs);

    await page.getByRole("navigation", { name: "Screens" }).getByRole("link", { name: "Settings" }).click();
    await page.getByText("Data folder").first().waitFor({ timeout: setupTimeoutMs });
    await shot(page, "demo-reauth-settings");
  });

  it("reports no frontend error", () => {
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(app.reportLines("error"), []);
  });
});
