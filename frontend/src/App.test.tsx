import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { App } from "./App";
import { ApiProvider } from "./api/context";
import type { LiaisonApi } from "./api/types";

/** Returns a LiaisonApi that records its calls, for the shell's tests. */
function fakeApi(calls: string[]): LiaisonApi {
  return {
    ready: async (s) => {
      calls.push(`ready ${s}`);
    },
    reportError: async (r) => {
      calls.push(`error ${r.message}`);
    },
    info: async () => ({ version: "1.2.3", dataDir: "/tmp/liaison-data", hasWindow: true }),
    openUrl: async (u) => {
      calls.push(`open ${u}`);
    },
    chooseDirectory: async () => "",
    on: () => () => undefined,
  };
}

afterEach(() => {
  window.history.replaceState(null, "", "#/");
});

describe("App", () => {
  it("reports ready once with the first screen", async () => {
    const calls: string[] = [];
    render(
      <ApiProvider api={fakeApi(calls)}>
        <App />
      </ApiProvider>,
    );
    await waitFor(() => expect(calls).toContain("ready connections"));
    expect(calls.filter((c) => c.startsWith("ready"))).toHaveLength(1);
    expect(await screen.findByText("Version 1.2.3")).toBeInTheDocument();
  });

  it("navigates to every screen and shows what to do next", async () => {
    const user = userEvent.setup();
    render(
      <ApiProvider api={fakeApi([])}>
        <App />
      </ApiProvider>,
    );
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
      expect(screen.getAllByText(text).length).toBeGreaterThan(0);
      expect(window.location.hash).toBe(`#/${id}`);
    }
  });

  it("opens the screen named in the location hash", () => {
    window.history.replaceState(null, "", "#/registry");
    render(
      <ApiProvider api={fakeApi([])}>
        <App />
      </ApiProvider>,
    );
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Sync registry");
  });

  it("goes from the empty mappings list to Connections", async () => {
    const user = userEvent.setup();
    window.history.replaceState(null, "", "#/mappings");
    render(
      <ApiProvider api={fakeApi([])}>
        <App />
      </ApiProvider>,
    );
    await user.click(screen.getByRole("button", { name: "Go to Connections" }));
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Connections");
  });
});
