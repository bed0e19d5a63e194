// End-to-end test of the whole admin workflow on the demo workspace: the
// real frontend in Chromium, the real Go app layer and engine through the
// Wails dev server, and the real simulators that `liaison demo
// --walkthrough` starts on loopback with nothing connected. The test
// connects the three orgs (Salesforce through the simulator's login page),
// installs the best-practices package, builds a mapping by drag and drop,
// reads back a packaged template rule, enables the event, previews and
// applies a sync, reads the registry and opens a project's Gantt chart,
// saving a screenshot of each screen.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { outputDir, startApp } from "./harness.mjs";

// Deadlines for steps that wait on the engine; none is a measurement.
const connectTimeoutMs = 60_000;
const syncTimeoutMs = 180_000;

const loginLine = /demo salesforce login page: (\S+)/g;

/** Returns the Salesforce login page addresses the demo printed so far. */
function loginPages(app) {
  return [...app.log().matchAll(loginLine)].map((m) => m[1]);
}

async function waitFor(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function shot(page, name) {
  await page.screenshot({ path: join(outputDir, `${name}.png`), fullPage: false });
}

async function goTo(page, title) {
  await page.getByRole("navigation", { name: "Screens" }).getByRole("link", { name: title }).click();
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
}

describe("admin workflow on the demo workspace", () => {
  let app;
  let page;
  const pageErrors = [];
  let failed = "";

  // Each step builds on the one before, so after a failure the later steps
  // are skipped instead of each waiting out its own timeout.
  const step = (name, fn) =>
    it(name, async (t) => {
      if (failed) {
        t.skip(`after the failed step "${failed}"`);
        return;
      }
      try {
        await fn();
      } catch (err) {
        failed = name;
        await shot(page, `failed-${name.replaceAll(/[^a-z]+/gi, "-")}`).catch(() => undefined);
        throw err;
      }
    });

  before(async () => {
    app = await startApp({ args: ["demo", "--walkthrough", "--browser", "none"], logName: "workflow-app.log" });
    page = app.page;
    page.setDefaultTimeout(30_000);
    page.on("pageerror", (err) => pageErrors.push(err.message));
    await page.goto(app.baseURL);
    await page.getByRole("heading", { level: 1, name: "Connections" }).waitFor();
  });

  after(async () => {
    await app?.stop();
  });

  step("connects Salesforce through the simulator's login page", async () => {
    const banner = page.getByRole("region", { name: "Demo workspace" });
    await banner.waitFor();
    const username = (await banner.getByTestId("demo-sf-username").textContent()).trim();
    const password = (await banner.getByTestId("demo-sf-password").textContent()).trim();
    assert.notEqual(username, "", "the demo banner names the Salesforce user");
    assert.notEqual(password, "", "the demo banner gives the Salesforce password");
    const before = loginPages(app).length;

    const sf = page.locator('[data-connection="salesforce"]');
    await sf.getByRole("button", { name: "Sign in to Salesforce" }).click();
    await page.getByRole("status", { name: "Waiting for the browser" }).waitFor();
    await shot(page, "connections-waiting");

    const authURL = await waitFor("the login page address", () => loginPages(app)[before], connectTimeoutMs);
    const login = await app.context.newPage();
    await login.goto(authURL);
    await login.fill("#username", username);
    await login.fill("#password", password);
    await login.click("#Login");
    await login.click("#oaapprove_allow");
    await login.waitForURL(/\/oauth\/callback|127\.0\.0\.1/);
    await login.close();

    await sf.getByTestId("sf-org-id").waitFor({ timeout: connectTimeoutMs });
    assert.match(await sf.getByTestId("sf-org-id").textContent(), /^00D/);
    assert.equal(await sf.locator("[data-state]").getAttribute("data-state"), "connected");
  });

  step("connects both Clarizen instances", async () => {
    for (const n of [1, 2]) {
      const card = page.locator(`[data-connection="clarizen${n}"]`);
      await card.getByRole("button", { name: "Fill in the demo login" }).click();
      await card.getByRole("button", { name: `Connect Clarizen instance ${n}` }).click();
      await card.getByTestId(`clarizen${n}-data-center`).waitFor({ timeout: connectTimeoutMs });
      assert.match(await card.getByTestId(`clarizen${n}-data-center`).textContent(), /^127\.0\.0\.1:\d+$/);
    }
    await page.getByRole("button", { name: "Check connections" }).click();
    await page.getByRole("button", { name: "Check connections" }).waitFor({ state: "visible" });
    await page.getByTestId("sf-api-budget").filter({ hasText: "requests left today" }).waitFor();
    await shot(page, "connections");
  });

  step("installs the best-practices package after creating the missing objects", async () => {
    await goTo(page, "Mappings & Events");
    await page.getByRole("button", { name: "Install the best-practices package" }).click();
    const dialog = page.getByRole("dialog", { name: "Best-practices package" });
    const missing = dialog.getByRole("region", { name: "Missing in Salesforce" });
    await missing.waitFor({ timeout: connectTimeoutMs });
    assert.match(await missing.textContent(), /Clarizen_Project__c/);
    await shot(page, "package-missing");

    await missing.getByRole("button", { name: "Create them in Salesforce" }).click();
    const created = dialog.getByRole("region", { name: "Created in Salesforce" });
    await created.waitFor({ timeout: connectTimeoutMs });
    assert.match(await created.textContent(), /A second check finds nothing missing/);

    await dialog.getByRole("button", { name: "Review what will be installed" }).click();
    const changes = dialog.getByRole("region", { name: "Package changes" });
    await changes.waitFor({ timeout: connectTimeoutMs });
    // A first install lists the definitions it adds by kind, named as the list names them afterwards.
    const added = await changes.getByRole("region", { name: "New mappings" }).getByRole("listitem").allTextContents();
    assert.ok(added.length >= 4, `the package adds ${added.length} mappings`);
    await shot(page, "package-diff");
    await changes.getByRole("button", { name: "Install" }).click();
    await dialog.getByRole("status", { name: "Package installed" }).waitFor({ timeout: connectTimeoutMs });
    await dialog.getByRole("button", { name: "Done" }).click();

    const table = page.getByRole("table", { name: "Mappings and events" });
    for (const name of added) await table.getByText(name, { exact: true }).waitFor();
    await table.getByText("Account to Customer").waitFor();
    await table.getByText("Create a project when opportunity probability is 70% or more").waitFor();
    await shot(page, "mappings");
  });

  step("builds a mapping by drag and drop", async () => {
    await page.getByRole("button", { name: "Add New ▾" }).click();
    await page.getByRole("menuitem", { name: "Mapping" }).click();
    const general = page.getByRole("region", { name: "General" });
    await general.getByRole("textbox", { name: "Name" }).fill("Contacts to Clarizen users (e2e)");
    await general.getByRole("combobox", { name: "Salesforce object" }).selectOption("Contact");
    await general.getByRole("combobox", { name: "Clarizen entity" }).selectOption("User");

    const sfList = page.getByRole("listbox", { name: /^Salesforce fields/ });
    const czList = page.getByRole("listbox", { name: /^Clarizen fields/ });
    await sfList.waitFor({ timeout: connectTimeoutMs });
    // Drag as a person does: pick the field up, let the other list narrow
    // to the compatible fields, then drop on the partner where it now is.
    await sfList.locator('[data-field="Email"]').hover();
    await page.mouse.down();
    const box = await sfList.locator('[data-field="Email"]').boundingBox();
    await page.mouse.move(box.x + box.width / 2 + 20, box.y + box.height / 2 + 5, { steps: 4 });
    await czList.locator(".field--target").first().waitFor();
    const offered = await czList.locator("[data-field]").evaluateAll((els) => els.map((e) => e.getAttribute("data-field")));
    assert.ok(offered.includes("Email"), `the Clarizen list offers Email for Email: ${offered}`);
    assert.ok(!offered.includes("CreatedOn"), `the Clarizen list hides the date-time CreatedOn: ${offered}`);
    await czList.locator('[data-field="Email"]').hover();
    await page.mouse.up();

    const maps = page.getByRole("table", { name: "Field maps" });
    await maps.waitFor();
    assert.equal(await maps.locator("[data-fieldmap]").count(), 1);
    const cells = maps.locator("[data-fieldmap]").first().locator("td");
    assert.match(await cells.nth(1).textContent(), /Email/);
    assert.match(await cells.nth(3).textContent(), /^Email/);

    const keys = page.getByRole("region", { name: "Keys and policies" });
    await keys.getByRole("combobox", { name: "Salesforce key field" }).selectOption("Email");
    await keys.getByRole("combobox", { name: "Clarizen key field" }).selectOption("Email");

    // Validate shows its result at the top of the editor, in view, even when
    // clicked with the page scrolled down.
    await page.locator(".page-body").evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await page.getByRole("button", { name: "Validate", exact: true }).click();
    const verdict = page
      .getByRole("status")
      .filter({ hasText: "Validation found no problem." })
      .or(page.getByRole("region", { name: /^Validation found/ }));
    await verdict.first().waitFor({ timeout: connectTimeoutMs });
    const verdictBox = await verdict.first().boundingBox();
    const windowHeight = await page.evaluate(() => window.innerHeight);
    assert.ok(verdictBox, "the validation result is on the page");
    assert.ok(verdictBox.y >= 0, `the validation result starts below the window's top: ${verdictBox.y}`);
    assert.ok(verdictBox.y < windowHeight, `the validation result starts above the window's bottom: ${verdictBox.y}`);

    // The long editor scrolls inside the page body, and the shell keeps the window height.
    const documentHeight = await page.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(documentHeight <= windowHeight, `the document is ${documentHeight} px tall in a ${windowHeight} px window`);
    await page.locator(".sidebar").hover();
    await page.mouse.wheel(0, 1500);
    assert.equal(await page.evaluate(() => window.scrollY), 0, "a wheel over the sidebar leaves the window unscrolled");
    assert.equal(Math.round((await page.locator(".page-header").boundingBox()).y), 0, "the page header stays at the top");

    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor({ timeout: connectTimeoutMs });
    await shot(page, "mapping-editor");
    await page.getByRole("button", { name: "← Mappings & Events" }).click();
    await page.getByRole("table", { name: "Mappings and events" }).getByText("Contacts to Clarizen users (e2e)").waitFor();
  });

  step("reads back a packaged template rule on a parent's field", async () => {
    const table = page.getByRole("table", { name: "Mappings and events" });
    await table.getByRole("button", { name: "Clarizen Project to Project", exact: true }).click();
    const rule = page.getByRole("listitem", { name: "Template rule 1" });
    const parentField = rule.getByRole("combobox", { name: "Field of Opportunity" }).first();
    await parentField.waitFor({ timeout: connectTimeoutMs });
    await waitFor("the rule's field Amount", async () => (await parentField.inputValue()) === "Amount", connectTimeoutMs);
    assert.equal(await rule.getByRole("combobox", { name: "Field" }).first().inputValue(), "Opportunity__r.");
    assert.equal(await rule.getByRole("combobox", { name: "Operator for Opportunity Amount" }).inputValue(), "<");
    await shot(page, "template-rule");
    await page.getByRole("button", { name: "← Mappings & Events" }).click();
    await table.waitFor();
  });

  step("enables the event after showing how many records match", async () => {
    const table = page.getByRole("table", { name: "Mappings and events" });
    await table.getByRole("checkbox", { name: "Select Create a project when opportunity probability is 70% or more" }).check();
    await page.getByRole("toolbar", { name: "Mappings and events" }).getByRole("button", { name: "Enable" }).click();
    const dialog = page.getByRole("dialog", { name: /^Enable “Create a project/ });
    const count = dialog.getByTestId("matching-count");
    await count.waitFor({ timeout: connectTimeoutMs });
    const matching = Number(/(\d+)/.exec(await count.textContent())?.[1]);
    assert.ok(matching > 0, "some demo opportunities already stand at 70% or more");
    await shot(page, "enable-event");
    await dialog.getByRole("button", { name: `Fire for ${matching} records` }).click();
    await page.getByRole("status").filter({ hasText: `The ${matching} records that match now fire` }).waitFor();
    await table.getByRole("checkbox", { name: "Select Create a project when opportunity probability is 70% or more" }).uncheck();
  });

  step("previews the sync, applies it and shows the summary", async () => {
    await page.getByRole("button", { name: "Sync ▾" }).click();
    await page.getByRole("menuitem", { name: "Preview…" }).click();
    const dialog = page.getByRole("dialog", { name: "Preview of the sync" });
    const apply = dialog.getByRole("button", { name: /^Apply \d+ operations$/ });
    await apply.waitFor({ timeout: syncTimeoutMs });
    const operations = Number(/Apply (\d+)/.exec(await apply.textContent())?.[1]);
    assert.ok(operations > 0, "the first sync of the demo has operations to apply");
    assert.match(await dialog.getByTestId("api-calls").textContent(), /Salesforce API calls?\b/);
    await dialog.getByRole("listitem").first().locator("summary").click();
    await shot(page, "preview");

    await apply.click();
    // The dialog gives way to the run's progress, then to its outcome. The plan is gone either way.
    const running = page.getByRole("dialog", { name: /^(Applying the plan|Plan applied)$/ });
    await running.waitFor();
    assert.equal(await running.getByRole("list", { name: "Planned operations" }).count(), 0, "the plan leaves the dialog after Apply");
    await shot(page, "applying");
    const applied = page.getByRole("dialog", { name: "Plan applied" }).getByRole("status", { name: "Applied" });
    await applied.waitFor({ timeout: syncTimeoutMs });
    assert.match(await applied.textContent(), /applied the plan shown.*Records: \d+ created/);
    await applied.getByRole("button", { name: "Close" }).click();
    const summary = page.getByRole("status", { name: "Sync summary" });
    await summary.waitFor({ timeout: syncTimeoutMs });
    assert.match(await summary.textContent(), /Sync finished|Sync stopped early/);
    const summaryBox = await summary.boundingBox();
    assert.ok(summaryBox.height < 80, `the summary is one line, ${summaryBox.height} px tall`);
    await summary.getByRole("button", { name: "Details" }).click();
    const details = page.getByRole("dialog", { name: /: run \d+$/ });
    await details.getByRole("table", { name: "Per mapping" }).waitFor();
    await shot(page, "sync-summary");
    await page.keyboard.press("Escape");
    await details.waitFor({ state: "detached" });
  });

  step("syncs now with the progress bar and its summary", async () => {
    await page.getByRole("status", { name: "Sync summary" }).getByRole("button", { name: "Close" }).click();
    await page.getByRole("button", { name: "Sync ▾" }).click();
    await page.getByRole("menuitem", { name: "Sync Now" }).click();
    const summary = page.getByRole("status", { name: "Sync summary" });
    await summary.waitFor({ timeout: syncTimeoutMs });
    assert.match(await summary.textContent(), /Sync Now · run \d+/);
  });

  step("shows the registry rows with their detail", async () => {
    await goTo(page, "Sync registry");
    const table = page.getByRole("table", { name: "Sync registry" });
    await table.waitFor({ timeout: connectTimeoutMs });
    const count = await page.locator(".registry__count").textContent();
    const total = Number(/of ([\d,]+) rows/.exec(count)?.[1].replaceAll(",", ""));
    assert.ok(total > 0, `the registry has rows: ${count}`);
    await table.locator('[role="row"][aria-rowindex]').first().click();
    const detail = page.getByRole("complementary", { name: "Registry row detail" });
    await detail.waitFor();
    await detail.getByRole("table").or(detail.getByText("No field values were recorded.")).first().waitFor();
    await shot(page, "registry");
  });

  step("opens a linked project's Gantt chart and roadmap", async () => {
    await goTo(page, "Project preview");
    const preview = page.getByRole("region", { name: /^Project preview of / });
    await preview.waitFor({ timeout: connectTimeoutMs });
    const bars = page.getByTestId("gantt-host").locator(".bar-wrapper");
    await bars.first().waitFor();
    assert.ok((await bars.count()) > 1, "the project's work plan has bars");
    await shot(page, "gantt");

    await preview.getByRole("button", { name: "View in Clarizen" }).click();
    const opened = await waitFor("the Clarizen address in the system browser", () => app.openedUrls().find((u) => u.includes("/Project/")), 10_000);
    assert.match(opened, /^http:\/\/127\.0\.0\.1:\d+\//);
    await preview.getByRole("tab", { name: "Roadmap" }).click();
    await shot(page, "roadmap");
  });

  step("shows the settings with the demo's data folder", async () => {
    await goTo(page, "Settings");
    const folder = page.getByLabel("Data folder");
    assert.equal(await folder.inputValue(), app.dataDir);
    await shot(page, "settings");
  });

  step("follows the operating system's dark theme", async () => {
    await page.emulateMedia({ colorScheme: "dark" });
    await goTo(page, "Mappings & Events");
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.notEqual(background, "rgb(246, 247, 249)", "the page background changes from the light theme's");
    await shot(page, "mappings-dark");
    await goTo(page, "Connections");
    await shot(page, "connections-dark");
    await page.emulateMedia({ colorScheme: "light" });
  });

  it("reports no frontend error", () => {
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(app.reportLines("error"), []);
  });
});
