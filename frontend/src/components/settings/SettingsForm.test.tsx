import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Settings } from "../../api/types";
import { SettingsForm, checkSettings } from "./SettingsForm";

const settings: Settings = {
  dataDir: "/home/ann/.config/Liaison",
  logLevel: "info",
  conflictRule: "newestWins",
  apiBudgetReservePercent: 10,
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
    await user.click(screen.getByRole("button", { name: "Save settings" }));

    expect(saved).toEqual([{ ...settings, logLevel: "debug", conflictRule: "clarizenWins", apiBudgetReservePercent: 15 }]);
  });

  it("rejects a reserve outside 0 to 100 next to the field", async () => {
    const user = userEvent.setup();
    const saved: Settings[] = [];
    render(<SettingsForm value={settings} onSave={(s) => saved.push(s)} />);

    const reserve = screen.getByLabelText("API budget reserve (%)");
    await user.clear(reserve);
    await user.type(reserve, "150");
    await user.click(screen.getByRole("button", { name: "Save settings" }));

    expect(saved).toHaveLength(0);
    expect(reserve).toHaveAttribute("aria-invalid", "true");
    expect(reserve).toHaveAccessibleDescription(/Enter a whole number from 0 to 100/);
  });

  it("fills the data folder from the folder dialog", async () => {
    const user = userEvent.setup();
    const saved: Settings[] = [];
    render(<SettingsForm value={settings} onSave={(s) => saved.push(s)} onBrowse={async () => "/srv/liaison"} />);

    await user.click(screen.getByRole("button", { name: "Browse…" }));
    expect(screen.getByLabelText("Data folder")).toHaveValue("/srv/liaison");
    await user.click(screen.getByRole("button", { name: "Save settings" }));
    expect(saved[0]?.dataDir).toBe("/srv/liaison");
  });

  it("keeps the folder when the dialog is cancelled", async () => {
    const user = userEvent.setup();
    render(<SettingsForm value={settings} onSave={() => undefined} onBrowse={async () => ""} />);
    await user.click(screen.getByRole("button", { name: "Browse…" }));
    expect(screen.getByLabelText("Data folder")).toHaveValue(settings.dataDir);
  });

  it("shows the engine's problem next to its field", () => {
    render(
      <SettingsForm
        value={settings}
        problems={[{ field: "dataDir", message: "The folder /home/ann/.config/Liaison is not writable." }]}
        onSave={() => undefined}
      />,
    );
    expect(screen.getByLabelText("Data folder")).toHaveAccessibleDescription(/is not writable/);
  });

  it.each([
    ["empty folder", { ...settings, dataDir: " " }, ["dataDir"]],
    ["fraction", { ...settings, apiBudgetReservePercent: 2.5 }, ["apiBudgetReservePercent"]],
    ["negative", { ...settings, apiBudgetReservePercent: -1 }, ["apiBudgetReservePercent"]],
    ["valid", settings, []],
  ])("checks %s", (_name, input, fields) => {
    expect(checkSettings(input).map((p) => p.field)).toEqual(fields);
  });
});
