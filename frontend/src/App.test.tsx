import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { App } from "./App";
import { ApiProvider } from "./api/context";
import type { WindowEvent } from "./api/types";
import { fakeApi, type FakeApi } from "./test/fakeApi";

function renderApp(api: FakeApi) {
  return render(
    <ApiProvider api={api}>
      <App />
    </ApiProvider>,
  );
}

function event(seq: number, type: string, data: unknown): WindowEvent {
  return { seq, type, time: "2026-03-02T09:00:00Z", data };
}

afterEach(() => {
  window.history.replaceState(null, "", "#/");
});

describe("App", () => {
  it("reports ready once with the first screen", async () => {
    const api = fakeApi();
    renderApp(api);
    await waitFor(() => expect(api.calls).toContain("app.ready connections"));
    expect(api.calls.filter((c) => c.startsWith("app.ready"))).toHaveLength(1);
    expect(await screen.findByText("Version 1.2.3")).toBeInTheDocument();
  });

  it("navigates to every screen and shows what to do next", async () => {
    const user = userEvent.setup();
    renderApp(fakeApi());
    const nav = screen.getByRole("navigation", { name: "Screens" });
    const expectations: [string, string, RegExp][] = [
      ["mappings", "Mappings & Events", /No mappings or events yet/],
      ["registry", "Sync registry", /Nothing has synced yet/],
      ["preview", "Project preview", /No linked project yet/],
      ["settings", "Settings", /Data folder/],
      ["connections", "Connections", /Connect both systems to start/],
    ];
    for (const [id, title, text] of expectations) {
      await user.click(nav.querySelector(`a[href="#/${id}"]`) as HTMLElement);
      expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent(title);
      expect((await screen.findAllByText(text)).length).toBeGreaterThan(0);
      expect(window.location.hash).toBe(`#/${id}`);
    }
  });

  it("breaks the data folder only after a separator, with the whole path in the tooltip", async () => {
    const dataDir = "/tmp/liaison-demo-2466304375/data";
    renderApp(fakeApi({ base: { info: async () => ({ version: "1.2.3", dataDir, hasWindow: true }) } }));
    const path = await screen.findByTestId("sidebar-data-dir");
    expect(path).toHaveAttribute("title", `Data folder: ${dataDir}`);
    expect(path).toHaveTextContent(dataDir);
    const breaks = path.querySelectorAll("wbr");
    expect(breaks).toHaveLength(4);
    const before = [...breaks].map((wbr) => wbr.previousSibling?.textContent ?? "");
    expect(before.slice(0, -1).every((text) => text.endsWith("/"))).toBe(true);
  });

  it("opens the screen named in the location hash", () => {
    window.history.replaceState(null, "", "#/registry");
    renderApp(fakeApi());
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Sync registry");
  });

  it("goes from the empty mappings list to Connections", async () => {
    const user = userEvent.setup();
    window.history.replaceState(null, "", "#/mappings");
    renderApp(fakeApi());
    await user.click(await screen.findByRole("button", { name: "Go to Connections" }));
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Connections");
  });

  it("shows a run that started before the window opened, then its progress and summary", async () => {
    const api = fakeApi({
      base: {
        eventsSince: async () => ({
          events: [event(3, "run.started", { runId: 9, trigger: "schedule" })],
          complete: true,
          lastSeq: 3,
        }),
      },
    });
    renderApp(api);
    expect(await screen.findByText("Scheduled sync: Reading changes")).toBeInTheDocument();

    act(() => {
      api.emit(
        "run.progress",
        event(4, "run.progress", { runId: 9, phase: "apply", read: 10, done: 5, total: 10, created: 5, updated: 0, deleted: 0, failed: 0 }),
      );
    });
    expect(screen.getByRole("progressbar", { name: "Writing records" })).toHaveAttribute("aria-valuenow", "50");

    act(() => {
      api.emit("run.finished", event(5, "run.finished", { runId: 9, status: "succeeded", mappings: null, apiCalls: { salesforce: 3 } }));
    });
    expect(screen.getByRole("status", { name: "Sync summary" })).toHaveTextContent("Sync finished");

    // An event already applied is ignored when it arrives again.
    act(() => {
      api.emit("run.progress", event(4, "run.progress", { runId: 9, phase: "apply", read: 10, done: 1, total: 10, created: 0, updated: 0, deleted: 0, failed: 0 }));
    });
    expect(screen.getByRole("status", { name: "Sync summary" })).toBeInTheDocument();

    await userEvent.setup().click(screen.getByRole("button", { name: "Close" }));
    expect(screen.queryByRole("status", { name: "Sync summary" })).not.toBeInTheDocument();
  });

  it("cancels the running sync", async () => {
    const user = userEvent.setup();
    const api = fakeApi();
    renderApp(api);
    act(() => api.emit("run.started", event(1, "run.started", { runId: 2, trigger: "manual" })));
    await user.click(await screen.findByRole("button", { name: "Cancel" }));
    expect(api.calls).toContain("runs.cancel");
  });
});
