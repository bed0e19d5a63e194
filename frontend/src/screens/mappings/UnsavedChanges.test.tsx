import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { App } from "../../App";
import { ApiProvider } from "../../api/context";
import type { DefinitionRow, LiaisonEvent, Mapping } from "../../api/types";
import { UnsavedChangesProvider } from "../../state/unsavedChanges";
import { compatibility, operators, opportunity, project } from "../../test/fixtures/objects";
import { fakeApi, type FakeApi } from "../../test/fakeApi";
import { EventEditor } from "./EventEditor";
import { MappingEditor } from "./MappingEditor";

const stored: Mapping = {
  id: "m-projects",
  name: "Opportunity to Project",
  description: "",
  clarizenInstance: 1,
  clarizenEntity: "Project",
  salesforceObject: "Opportunity",
  clarizenKeyField: "ExternalID",
  salesforceKeyField: "",
  createPolicy: "create",
  deletePolicy: "retain",
  socialSync: false,
  conflictRule: "newest_wins",
  enabled: false,
  fieldMaps: [],
  templateRules: [],
  links: [],
  relatedObjects: [],
};

const storedEvent: LiaisonEvent = {
  id: "e-70",
  name: "Create a project at 70%",
  clarizenInstance: 1,
  triggeredBy: "salesforce",
  triggeringObject: "Opportunity",
  condition: "",
  target: { kind: "entity_mapping", mappingId: "" },
  relatedObjects: [],
  enabled: false,
  fireExisting: false,
};

const row: DefinitionRow = {
  kind: "mapping",
  id: "m-projects",
  name: "Opportunity to Project",
  description: "",
  clarizenInstance: 1,
  salesforceObject: "Opportunity",
  clarizenEntity: "Project",
  enabled: false,
  lastResult: "",
  updatedAt: "",
};

function api(): FakeApi {
  return fakeApi({
    definitions: { list: async () => [row], mapping: async () => stored, event: async () => storedEvent },
    schema: {
      salesforceObjects: async () => [{ name: "Opportunity", label: "Opportunity", custom: false }],
      clarizenEntities: async () => [{ name: "Project", label: "Project", custom: false }],
      describeSalesforce: async () => opportunity,
      describeClarizen: async () => project,
      fieldCompatibility: async () => compatibility,
      conditionOperators: async () => operators,
    },
  });
}

function renderGuarded(editor: "mapping" | "event", onClose: () => void) {
  render(
    <ApiProvider api={api()}>
      <UnsavedChangesProvider>
        {editor === "mapping" ? <MappingEditor id="m-projects" onClose={onClose} /> : <EventEditor id="e-70" onClose={onClose} />}
      </UnsavedChangesProvider>
    </ApiProvider>,
  );
}

const back = () => screen.getByRole("button", { name: "← Mappings & Events" });

describe("unsaved changes guard", () => {
  for (const editor of ["mapping", "event"] as const) {
    it(`leaves the unchanged ${editor} editor at once`, async () => {
      const user = userEvent.setup();
      const onClose = vi.fn();
      renderGuarded(editor, onClose);
      await screen.findByDisplayValue(editor === "mapping" ? "Opportunity to Project" : "Create a project at 70%");
      await user.click(back());
      expect(onClose).toHaveBeenCalledTimes(1);
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    });

    it(`asks before dropping ${editor} changes, and Keep editing stays`, async () => {
      const user = userEvent.setup();
      const onClose = vi.fn();
      renderGuarded(editor, onClose);
      const name = await screen.findByDisplayValue(editor === "mapping" ? "Opportunity to Project" : "Create a project at 70%");
      await user.type(name, " renamed");
      await user.click(back());
      const dialog = screen.getByRole("dialog", { name: "Discard unsaved changes?" });
      expect(onClose).not.toHaveBeenCalled();

      await user.click(screen.getByRole("button", { name: "Keep editing" }));
      expect(dialog).not.toBeInTheDocument();
      expect(onClose).not.toHaveBeenCalled();
      expect(name).toHaveValue(`${editor === "mapping" ? "Opportunity to Project" : "Create a project at 70%"} renamed`);

      await user.click(back());
      await user.click(screen.getByRole("button", { name: "Discard changes" }));
      expect(onClose).toHaveBeenCalledTimes(1);
    });

    it(`leaves the ${editor} editor without a question after Save`, async () => {
      const user = userEvent.setup();
      const onClose = vi.fn();
      renderGuarded(editor, onClose);
      const name = await screen.findByDisplayValue(editor === "mapping" ? "Opportunity to Project" : "Create a project at 70%");
      await user.type(name, " renamed");
      await user.click(screen.getByRole("button", { name: "Save" }));
      await screen.findByText(/^Saved/);
      await user.click(back());
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
      expect(onClose).toHaveBeenCalledTimes(1);
    });
  }

  it("asks before a sidebar screen replaces the editor", async () => {
    const user = userEvent.setup();
    window.history.replaceState(null, "", "#/mappings");
    render(
      <ApiProvider api={api()}>
        <App />
      </ApiProvider>,
    );
    await user.click(await screen.findByRole("button", { name: "Opportunity to Project" }));
    const name = await screen.findByDisplayValue("Opportunity to Project");
    await user.type(name, " renamed");

    const nav = screen.getByRole("navigation", { name: "Screens" });
    await user.click(nav.querySelector('a[href="#/settings"]') as HTMLElement);
    expect(screen.getByRole("dialog", { name: "Discard unsaved changes?" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Mappings & Events");

    await user.click(screen.getByRole("button", { name: "Discard changes" }));
    await waitFor(() => expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Settings"));

    // Back on the list, the mapping opens as stored.
    await user.click(nav.querySelector('a[href="#/mappings"]') as HTMLElement);
    await user.click(await screen.findByRole("button", { name: "Opportunity to Project" }));
    expect(await screen.findByDisplayValue("Opportunity to Project")).toBeInTheDocument();
    window.history.replaceState(null, "", "#/");
  });
});
