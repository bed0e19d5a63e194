import { fireEvent, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Settings } from "../../api/types";
import { SettingsForm, checkSettings } from "./SettingsForm";

const settings: Settings = {
  dataDir: "/home/ann/.config/Liaison",
  logLevel: "info",
  conflictRule: "newest_wins",
  budgetReservePercent: 10,
  dailyTimes: ["06:30"],
  socialIntervalMinutes: 60,
  clientId: "liaison-desktop",
};

describe("SettingsForm", () => {
  it("saves every edited setting", async () => {
    const user = userEvent.setup();
    const saved: Settings[] = [];
    render(<SettingsForm value={settings} onSave={(s) => saved.push(s)} />);

    expect(screen.getByRole("button", { name: "Save settings" })).toBeDisabled();
    await user.selectOptions(screen.getByLabelText("Log level"), "debug");
    await user.click(screen.getByRole("radio", { name: /Clarizen wins/ }));
    const reserve = screen.getByLabelText("API budget reserve (%)");
    await user.clear(reserve);
    await user.type(reserve, "15");
    fireEvent.change(screen.getByLabelText("Second daily sync"), { target: { value: "18:00" } });
    await user.click(screen.getByRole("button", { name: "Save settings" }));

    expect(saved).toEqual([
      { ...settings, logLevel: "debug", conflictRule: "clarizen_wins", budgetReservePercent: 15, dailyTimes: ["06:30", "18:00"] },
    ]);
  });

  it("shows the data folder without letting it change", () => {
    render(<SettingsForm value={settings} onSave={() => undefined} />);
    const folder = screen.getByLabelText("Data folder");
    expect(folder).toHaveValue(settings.dataDir);
    expect(folder).toHaveAttribute("readonly");
    expect(folder).toHaveAccessibleDescription(/--data-dir/);
  });

  it("rejects a reserve outside 0 to 90 next to the field", async () => {
    const user = userEvent.setup();
    const saved: Settings[] = [];
    render(<SettingsForm value={settings} onSave={(s) => saved.push(s)} />);

    const reserve = screen.getByLabelText("API budget reserve (%)");
    await user.clear(reserve);
    await user.type(reserve, "95");
    await user.click(screen.getByRole("button", { name: "Save settings" }));

    expect(saved).toHaveLength(0);
    expect(reserve).toHaveAttribute("aria-invalid", "true");
    expect(reserve).toHaveAccessibleDescription(/Enter a whole number from 0 to 90/);
  });

  it("reports edits and rejected saves to onEdit", async () => {
    const user = userEvent.setup();
    let edits = 0;
    render(<SettingsForm value={settings} onSave={() => undefined} onEdit={() => edits++} />);
    const key = screen.getByLabelText("Salesforce connected app consumer key");
    await user.clear(key);
    expect(edits).toBeGreaterThan(0);
    const afterEdit = edits;
    await user.click(screen.getByRole("button", { name: "Save settings" }));
    expect(edits).toBe(afterEdit + 1);
    expect(key).toHaveAccessibleDescription(/Enter the consumer key/);
  });

  it("shows a fixed consumer key read-only", () => {
    render(<SettingsForm value={{ ...settings, clientIdFixed: true }} onSave={() => undefined} />);
    const key = screen.getByLabelText("Salesforce connected app consumer key");
    expect(key).toHaveAttribute("readonly");
    expect(key).toHaveAccessibleDescription(/cannot change here/);
  });

  it("clears a daily time", () => {
    const saved: Settings[] = [];
    render(<SettingsForm value={settings} onSave={(s) => saved.push(s)} />);
    fireEvent.change(screen.getByLabelText("First daily sync"), { target: { value: "" } });
    fireEvent.click(screen.getByRole("button", { name: "Save settings" }));
    expect(saved[0]?.dailyTimes).toEqual([]);
  });

  it("shows the engine's problem next to its field", () => {
    render(
      <SettingsForm
        value={settings}
        problems={[{ field: "budgetReservePercent", message: "invalid API budget reserve 95 %: use a value from 0 to 90" }]}
        onSave={() => undefined}
      />,
    );
    expect(screen.getByLabelText("API budget reserve (%)")).toHaveAccessibleDescription(/use a value from 0 to 90/);
  });

  it.each([
    ["fraction", { ...settings, budgetReservePercent: 2.5 }, ["budgetReservePercent"]],
    ["negative", { ...settings, budgetReservePercent: -1 }, ["budgetReservePercent"]],
    ["bad time", { ...settings, dailyTimes: ["6.30"] }, ["dailyTimes"]],
    ["same time twice", { ...settings, dailyTimes: ["06:30", "06:30"] }, ["dailyTimes"]],
    ["short social interval", { ...settings, socialIntervalMinutes: 1 }, ["socialIntervalMinutes"]],
    ["empty consumer key", { ...settings, clientId: "  " }, ["clientId"]],
    ["consumer key with a space", { ...settings, clientId: "3MVG9 abc" }, ["clientId"]],
    ["valid", settings, []],
  ])("checks %s", (_name, input, fields) => {
    expect(checkSettings(input).map((p) => p.field)).toEqual(fields);
  });
});
