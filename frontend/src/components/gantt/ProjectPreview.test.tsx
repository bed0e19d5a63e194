import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import data from "../../test/fixtures/jsgantt/data.json";
import data255 from "../../test/fixtures/jsgantt/data255.json";
import dataMultiyear from "../../test/fixtures/jsgantt/data-multiyear.json";
import { parseDepends, planFromJsGantt, type JsGanttRow } from "../../test/jsgantt";
import { ApiError, type ProjectPlan } from "../../api/types";
import { decadeLabel } from "./GanttChart";
import { ProjectPreview } from "./ProjectPreview";
import { ganttRows } from "./ganttModel";

const fixtures: [string, JsGanttRow[]][] = [
  ["data.json", data as JsGanttRow[]],
  ["data255.json", data255 as JsGanttRow[]],
  ["data-multiyear.json", dataMultiyear as JsGanttRow[]],
];

/** Lists every dependency of the raw rows as "predecessor>successor", read straight from pDepend. */
function rawDependencies(rows: JsGanttRow[]): string[] {
  return rows.flatMap((row) => parseDepends(row.pDepend).map((d) => `${d.predecessorId}>${row.pID}`));
}

let consoleError: MockInstance;
let consoleWarn: MockInstance;

beforeEach(() => {
  consoleError = vi.spyOn(console, "error");
  consoleWarn = vi.spyOn(console, "warn");
});

afterEach(() => {
  consoleError.mockRestore();
  consoleWarn.mockRestore();
});

function chart() {
  return screen.getByTestId("gantt-host");
}

describe.each(fixtures)("ProjectPreview with %s", (name, rows) => {
  const plan = planFromJsGantt(name, rows);
  const model = ganttRows(plan);

  it("renders without errors", () => {
    render(<ProjectPreview plan={plan} onOpenUrl={() => undefined} />);
    expect(consoleError).not.toHaveBeenCalled();
    expect(consoleWarn).not.toHaveBeenCalled();
    expect(chart().querySelectorAll(".bar-wrapper")).toHaveLength(model.scheduled.length);
  });

  it("draws one arrow per dependency between dated items", () => {
    render(<ProjectPreview plan={plan} onOpenUrl={() => undefined} />);
    const raw = rawDependencies(rows);
    expect(model.drawn.length + model.undrawn.length).toBe(raw.length);

    const itemOf = new Map<string, string>();
    chart()
      .querySelectorAll(".bar-wrapper")
      .forEach((bar) => itemOf.set(bar.getAttribute("data-id") ?? "", bar.getAttribute("data-item") ?? ""));
    const arrows = Array.from(chart().querySelectorAll(".arrow path")).map(
      (p) => `${itemOf.get(p.getAttribute("data-from") ?? "")}>${itemOf.get(p.getAttribute("data-to") ?? "")}`,
    );
    expect(arrows).toHaveLength(model.drawn.length);
    expect(arrows.sort()).toEqual(model.drawn.map((l) => `${l.from}>${l.to}`).sort());
    for (const arrow of arrows) expect(raw).toContain(arrow);
  });
});

describe("ProjectPreview", () => {
  it("draws every one of the 250 dependencies of data255.json", () => {
    const plan = planFromJsGantt("data255", data255 as JsGanttRow[]);
    render(<ProjectPreview plan={plan} onOpenUrl={() => undefined} />);
    expect(rawDependencies(data255 as JsGanttRow[])).toHaveLength(250);
    expect(chart().querySelectorAll(".arrow path")).toHaveLength(250);
    expect(chart().querySelectorAll('.arrow path[data-type="SS"]')).toHaveLength(34);
  });

  it("lists undated work items and their dependencies apart", () => {
    const plan = planFromJsGantt("data", data as JsGanttRow[]);
    render(<ProjectPreview plan={plan} onOpenUrl={() => undefined} />);
    const unscheduled = screen.getByRole("region", { name: "Not scheduled" });
    expect(unscheduled).toHaveTextContent("Just plan dates");
    expect(unscheduled).toHaveTextContent("depends on Task Scrolling Grid (FS)");
    expect(chart().querySelectorAll(".arrow path")).toHaveLength(7);
  });

  it("shows names as text, never as markup", () => {
    const plan = planFromJsGantt("data", data as JsGanttRow[]);
    render(<ProjectPreview plan={plan} onOpenUrl={() => undefined} />);
    expect(chart().querySelector("svg a, svg i")).toBeNull();
    const labels = Array.from(chart().querySelectorAll(".bar-label")).map((l) => l.textContent);
    expect(labels).toContain("<a href='yahoo.com'>Constructor Proc #1234 of February 2019</a>");
    expect(labels).toContain("Draw Task <i>Bars</i>");
  });

  it("derives a phase's bar from its children", () => {
    const plan = planFromJsGantt("multiyear", dataMultiyear as JsGanttRow[]);
    const phase = ganttRows(plan).scheduled.find((s) => s.item.id === "2");
    expect(phase).toMatchObject({ start: "2020-01-15", end: "2021-06-30", derived: true });
  });

  it("shows milestones and phases on the roadmap", async () => {
    const user = userEvent.setup();
    const plan = planFromJsGantt("data", data as JsGanttRow[]);
    render(<ProjectPreview plan={plan} onOpenUrl={() => undefined} />);

    await user.click(screen.getByRole("tab", { name: "Roadmap" }));
    const bars = chart().querySelectorAll(".bar-wrapper");
    const items = Array.from(bars).map((b) => b.getAttribute("data-item"));
    expect(items).toContain("11");
    expect(chart().querySelectorAll(".wi-milestone")).toHaveLength(1);
    expect(chart().querySelectorAll(".arrow path")).toHaveLength(0);
    expect(consoleError).not.toHaveBeenCalled();
  });

  it("changes the time scale", async () => {
    const user = userEvent.setup();
    const plan = planFromJsGantt("multiyear", dataMultiyear as JsGanttRow[]);
    render(<ProjectPreview plan={plan} onOpenUrl={() => undefined} />);
    const scale = screen.getByRole("group", { name: "Time scale" });
    expect(within(scale).getByRole("button", { name: "Year" })).toHaveAttribute("aria-pressed", "true");
    await user.click(within(scale).getByRole("button", { name: "Month" }));
    expect(within(scale).getByRole("button", { name: "Month" })).toHaveAttribute("aria-pressed", "true");
    expect(chart().querySelectorAll(".bar-wrapper")).toHaveLength(18);
  });

  it("opens the project in Clarizen and Salesforce", async () => {
    const user = userEvent.setup();
    const opened: string[] = [];
    const plan = planFromJsGantt("data", data as JsGanttRow[]);
    render(
      <ProjectPreview
        plan={plan}
        onOpenUrl={(u) => {
          opened.push(u);
        }}
      />,
    );
    await user.click(screen.getByRole("button", { name: "View in Clarizen" }));
    await user.click(screen.getByRole("button", { name: "View in Salesforce" }));
    expect(opened).toEqual([plan.clarizenUrl, plan.salesforceUrl]);
  });

  it("disables a View button without an address", () => {
    const plan = { ...planFromJsGantt("data", data as JsGanttRow[]), salesforceUrl: undefined };
    render(<ProjectPreview plan={plan} onOpenUrl={() => undefined} />);
    expect(screen.getByRole("button", { name: "View in Salesforce" })).toBeDisabled();
  });
});

/** Returns a project plan with one task per year from 2024 to 2029. */
function yearsPlan(): ProjectPlan {
  const years = [2024, 2025, 2026, 2027, 2028, 2029];
  return {
    projectId: "/Project/p1",
    name: "Fleet renewal",
    clarizenUrl: "http://127.0.0.1:4100/Project/p1",
    salesforceUrl: "http://127.0.0.1:4000/006000000000001AAA",
    items: years.map((y) => ({
      id: `t${y}`,
      name: `Phase ${y}`,
      kind: "task" as const,
      start: `${y}-02-01`,
      end: `${y}-10-31`,
      progress: 0,
      dependencies: [],
    })),
  };
}

describe("ProjectPreview chart layout", () => {
  it("labels the Year view's upper header with the decade, not a year", async () => {
    const user = userEvent.setup();
    render(<ProjectPreview plan={yearsPlan()} onOpenUrl={() => undefined} />);
    await user.click(within(screen.getByRole("group", { name: "Time scale" })).getByRole("button", { name: "Year" }));
    const upper = Array.from(chart().querySelectorAll(".upper-text")).map((e) => e.textContent);
    const lower = Array.from(chart().querySelectorAll(".lower-text")).map((e) => e.textContent);
    expect(upper).toContain("2020s");
    expect(upper).not.toContain("2020");
    expect(lower).toEqual(expect.arrayContaining(["2024", "2029"]));
  });

  it.each([
    ["start of a decade", new Date(2020, 0, 1), "2020s"],
    ["end of a decade", new Date(2029, 11, 31), "2020s"],
    ["next decade", new Date(2030, 5, 1), "2030s"],
  ])("names the decade at the %s", (_name, date, label) => {
    expect(decadeLabel(date)).toBe(label);
  });

  it("fills the window's height below the chart", () => {
    const innerHeight = window.innerHeight;
    Object.defineProperty(window, "innerHeight", { configurable: true, value: 900 });
    try {
      render(<ProjectPreview plan={yearsPlan()} onOpenUrl={() => undefined} />);
      const container = chart().querySelector<HTMLElement>(".gantt-container");
      // jsdom places every element at top 0, so the free height is 900 less the 24 px bottom gap.
      expect(container?.style.height).toBe("876px");
      const grid = Number(chart().querySelector("svg")?.getAttribute("height"));
      expect(grid).toBeGreaterThan(800);
    } finally {
      Object.defineProperty(window, "innerHeight", { configurable: true, value: innerHeight });
    }
  });
});

describe("ProjectPreview when the browser does not open", () => {
  it("shows the error and the address to copy", async () => {
    const user = userEvent.setup();
    const plan = yearsPlan();
    const address = plan.clarizenUrl ?? "";
    render(
      <ProjectPreview
        plan={plan}
        onOpenUrl={async (u) => {
          throw new ApiError("browser_failed", `open ${u} in the system browser: xdg-open failed: exit status 1`);
        }}
      />,
    );
    await user.click(screen.getByRole("button", { name: "View in Clarizen" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The system browser did not open the page: xdg-open failed: exit status 1.");
    expect(within(alert).queryByText("Details")).not.toBeInTheDocument();
    expect(within(alert).getByLabelText("Open this address in a browser yourself:")).toHaveValue(address);

    await user.click(within(alert).getByRole("button", { name: "Copy address" }));
    // user-event puts a clipboard stub on navigator, so the copy goes through the Clipboard API.
    expect(await within(alert).findByText("Copied to the clipboard.")).toBeInTheDocument();
    expect(await navigator.clipboard.readText()).toBe(address);
    await user.click(within(alert).getByRole("button", { name: "Dismiss" }));
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("puts the opener's raw output behind Details", async () => {
    const user = userEvent.setup();
    const output =
      "[20066:20066:1205/001828.034800:ERROR:content/browser/zygote_host/zygote_host_impl_linux.cc:103] Running as root without --no-sandbox is not supported.\n" +
      "[20066:20066:1205/001828.034900:ERROR:second line]";
    render(
      <ProjectPreview
        plan={yearsPlan()}
        onOpenUrl={async (u) => {
          throw new ApiError("browser_failed", `open ${u} in the system browser: xdg-open failed: exit status 4: ${output}`);
        }}
      />,
    );
    await user.click(screen.getByRole("button", { name: "View in Clarizen" }));
    const alert = await screen.findByRole("alert");
    const reason = alert.querySelector(".error-note__message");
    expect(reason).toHaveTextContent("The system browser did not open the page: xdg-open failed: exit status 4.");
    expect(reason).not.toHaveTextContent("zygote");

    const details = alert.querySelector("details");
    expect(details).not.toBeNull();
    expect(details).not.toHaveAttribute("open");
    expect(within(alert).getByText("Details").tagName).toBe("SUMMARY");
    expect(details?.querySelector("pre")?.textContent).toBe(output);
  });

  it("shows nothing when the browser opens", async () => {
    const user = userEvent.setup();
    render(<ProjectPreview plan={yearsPlan()} onOpenUrl={async () => undefined} />);
    await user.click(screen.getByRole("button", { name: "View in Salesforce" }));
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });
});
