// End-to-end checks of the reusable components in Chromium, with real layout
// and real drag and drop, on the component gallery page.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { outputDir, startGallery } from "./harness.mjs";

describe("components in Chromium", () => {
  let gallery;

  before(async () => {
    gallery = await startGallery();
  });

  after(async () => {
    await gallery?.stop();
  });

  /** Opens one demo in a new page and collects its errors. */
  async function open(demo, colorScheme = "light") {
    const page = await gallery.context.newPage();
    const errors = [];
    page.on("pageerror", (err) => errors.push(err.message));
    page.on("console", (msg) => {
      if (msg.type() === "error" || msg.type() === "warning") errors.push(msg.text());
    });
    await page.emulateMedia({ colorScheme });
    await page.goto(`${gallery.baseURL}/#${demo}`);
    return { page, errors };
  }

  for (const [demo, arrows, bars] of [
    ["gantt-data", 7, 20],
    ["gantt-data255", 250, 260],
    ["gantt-multiyear", 10, 18],
  ]) {
    it(`draws ${demo} with one arrow per dependency`, async () => {
      const { page, errors } = await open(demo);
      await page.locator(".gantt .bar-wrapper").first().waitFor();
      assert.equal(await page.locator(".gantt .bar-wrapper").count(), bars);
      assert.equal(await page.locator(".gantt .arrow path").count(), arrows);
      const emptyPaths = await page.locator(".gantt .arrow path").evaluateAll((paths) =>
        paths.filter((p) => p.getTotalLength() === 0 || p.getAttribute("d")?.includes("NaN")).length,
      );
      assert.equal(emptyPaths, 0, "every arrow has a drawable path");
      await page.screenshot({ path: join(outputDir, `${demo}.png`) });
      assert.deepEqual(errors, []);
      await page.close();
    });
  }

  it("opens the roadmap and the View buttons", async () => {
    const { page, errors } = await open("gantt-data");
    await page.getByRole("tab", { name: "Roadmap" }).click();
    await page.locator(".gantt .wi-milestone").first().waitFor();
    await page.screenshot({ path: join(outputDir, "roadmap.png") });
    await page.getByRole("button", { name: "View in Clarizen" }).click();
    assert.match(await page.getByTestId("output").textContent(), /Project\/data\.json/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("maps fields by drag and drop and by keyboard", async () => {
    const { page, errors } = await open("fieldmap");
    const sf = page.getByRole("listbox", { name: /^Salesforce fields/ });
    const cz = page.getByRole("listbox", { name: /^Clarizen fields/ });
    const czFields = () => cz.getByRole("option").evaluateAll((o) => o.map((e) => e.getAttribute("data-field")));

    // Drag as a person does: pick the field up, look at what the other list
    // now offers, then aim at the partner.
    const from = await sf.locator('[data-field="Amount"]').boundingBox();
    await page.mouse.move(from.x + 20, from.y + 10);
    await page.mouse.down();
    await page.mouse.move(from.x + 40, from.y + 20, { steps: 5 });
    assert.deepEqual(await czFields(), ["Budget"]);
    const to = await cz.locator('[data-field="Budget"]').boundingBox();
    await page.mouse.move(to.x + 20, to.y + 10, { steps: 10 });
    await page.mouse.up();
    await page.getByRole("table", { name: "Field maps" }).waitFor();
    assert.equal((await czFields()).length, 8, "the drop ends the drag");
    assert.equal(await page.getByRole("table", { name: "Field maps" }).locator("tbody tr").count(), 1);

    await sf.locator('[data-field="CloseDate"]').focus();
    await page.keyboard.press("Enter");
    assert.deepEqual(await czFields(), ["StartDate"]);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    assert.equal(await page.getByRole("table", { name: "Field maps" }).locator("tbody tr").count(), 2);
    await page.screenshot({ path: join(outputDir, "fieldmap.png"), fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("builds a condition", async () => {
    const { page, errors } = await open("condition");
    await page.getByRole("combobox", { name: "Field" }).selectOption("Probability");
    await page.getByRole("combobox", { name: "Operator for Probability (%)" }).selectOption(">=");
    await page.getByRole("spinbutton", { name: "Value for Probability (%)" }).fill("70");
    assert.equal(await page.getByTestId("output").textContent(), JSON.stringify("Probability >= 70"));
    await page.screenshot({ path: join(outputDir, "condition.png") });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("scrolls 100,000 registry rows with a small DOM", async () => {
    const { page, errors } = await open("registry");
    const scroll = page.getByTestId("registry-scroll");
    await page.getByText("Record 0", { exact: true }).waitFor();
    const rendered = await scroll.locator('[role="row"]').count();
    assert.ok(rendered > 5, `rendered ${rendered} rows, expected a screenful`);
    assert.ok(rendered < 100, `rendered ${rendered} rows of 100,000, expected only the visible ones`);

    await scroll.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await page.getByText("Record 99999", { exact: true }).waitFor();
    await page.getByText("Record 99999", { exact: true }).click();
    await page.getByRole("complementary", { name: "Registry row detail" }).getByText("REQUIRED_FIELD_MISSING").waitFor();
    await page.screenshot({ path: join(outputDir, "registry.png") });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("renders plan, progress and the Gantt in the dark theme", async () => {
    for (const demo of ["plan", "progress", "gantt-data"]) {
      const { page, errors } = await open(demo, "dark");
      await page.locator(".page-body > *").first().waitFor();
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(background, "rgb(16, 21, 28)");
      await page.screenshot({ path: join(outputDir, `${demo}-dark.png`) });
      assert.deepEqual(errors, []);
      await page.close();
    }
  });
});
