import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ApiProvider } from "../../api/context";
import { ApiError, type Mapping, type ObjectInfo, type Problem } from "../../api/types";
import { compatibility, operators, opportunity, project } from "../../test/fixtures/objects";
import { fakeApi, type FakeApi } from "../../test/fakeApi";
import { MappingEditor } from "./MappingEditor";

const stored: Mapping = {
  id: "m-projects",
  name: "Opportunity to Project",
  description: "Projects for won deals",
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
  templateRules: [{ template: "Quick start", criteria: ["Amount < 10000"], logic: "and" }],
  links: [],
  relatedObjects: [],
};

const templatableProject: ObjectInfo = { ...project, templatable: true };

function renderEditor(overrides: Parameters<typeof fakeApi>[0] = {}): FakeApi {
  const api = fakeApi({
    ...overrides,
    definitions: { mapping: async () => stored, ...overrides.definitions },
    schema: {
      salesforceObjects: async () => [{ name: "Opportunity", label: "Opportunity", custom: false }],
      clarizenEntities: async () => [{ name: "Project", label: "Project", custom: false }],
      describeSalesforce: async () => opportunity,
      describeClarizen: async () => templatableProject,
      fieldCompatibility: async () => compatibility,
      conditionOperators: async () => operators,
      clarizenTemplates: async () => ["Quick start", "Standard delivery"],
      conditionTree: async () => ({ type: "group", join: "AND", children: [{ type: "rule", field: "Amount", op: "<", value: "10000" }] }),
      ...overrides.schema,
    },
  });
  render(
    <ApiProvider api={api}>
      <MappingEditor id="m-projects" onClose={() => undefined} />
    </ApiProvider>,
  );
  return api;
}

function option(listName: string, apiName: string): HTMLElement {
  const list = screen.getByRole("listbox", { name: new RegExp(`^${listName} fields`) });
  const el = list.querySelector<HTMLElement>(`[data-field="${apiName}"]`);
  if (!el) throw new Error(`no ${apiName} in ${listName}`);
  return el;
}

describe("MappingEditor", () => {
  it("shows every section of the mapping with its values", async () => {
    renderEditor();
    expect(await screen.findByRole("heading", { name: "Opportunity to Project" })).toBeInTheDocument();
    for (const section of ["General", "Keys and policies", "Field maps", "Template rules", "Clarizen links", "Related Clarizen objects"]) {
      expect(screen.getByRole("region", { name: section })).toBeInTheDocument();
    }
    const rules = screen.getByRole("region", { name: "Template rules" });
    expect(await within(rules).findByDisplayValue("Quick start")).toBeInTheDocument();
    expect(await within(rules).findByTestId("condition-text")).toHaveTextContent("Amount < 10000");
  });

  it("opens a saved mapping with the engine's problems next to the fields", async () => {
    renderEditor({
      definitions: {
        validateMapping: async () => [
          { code: "unknown_field", severity: "error", part: "clarizenKeyField", side: "clarizen", field: "ExternalID", message: "Project has no field ExternalID2.", fix: "Pick an existing field." },
        ],
      },
    });
    expect(await screen.findByRole("list", { name: "Problems of Clarizen key field" })).toHaveTextContent("Project has no field ExternalID2.");
  });

  it("builds a field map by drag and drop and saves it", async () => {
    const user = userEvent.setup();
    const api = renderEditor();
    await screen.findByRole("listbox", { name: /^Salesforce fields/ });
    fireEvent.dragStart(option("Salesforce", "Amount"));
    fireEvent.drop(option("Clarizen", "Budget"));
    expect(within(screen.getByRole("table", { name: "Field maps" })).getAllByRole("row")).toHaveLength(2);

    await user.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(api.calls.some((c) => c.startsWith("definitions.saveMapping"))).toBe(true));
    const saved = JSON.parse(api.calls.find((c) => c.startsWith("definitions.saveMapping"))!.slice("definitions.saveMapping ".length)) as Mapping;
    expect(saved.fieldMaps).toHaveLength(1);
    expect(saved.fieldMaps?.[0]).toMatchObject({ salesforceField: "Amount", clarizenField: "Budget", direction: "to_clarizen", eventType: "create_and_sync" });
  });

  it("keeps the mapping disabled and shows the problems next to the fields when enabling fails", async () => {
    const user = userEvent.setup();
    renderEditor({
      definitions: {
        enableMapping: async () => ({
          enabled: false,
          matching: 0,
          fireExisting: false,
          problems: [
            { code: "missing_key_field", severity: "error", part: "salesforceKeyField", side: "salesforce", field: "", message: "the Salesforce key field is not set.", fix: "Pick the field that identifies a Opportunity record." },
            { code: "invalid_setting", severity: "error", part: "templateRules[0]", message: "template Quick start is unknown.", fix: "Pick a template of the instance." },
          ],
        }),
      },
    });
    await user.click(await screen.findByRole("checkbox", { name: /Enabled/ }));
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Saved, but not enabled");
    expect(screen.getByRole("list", { name: "Problems of Salesforce key field" })).toHaveTextContent("key field is not set");
    expect(within(screen.getByRole("listitem", { name: "Template rule 1" })).getByRole("alert")).toHaveTextContent("template Quick start is unknown");
    expect(screen.getByRole("checkbox", { name: /Enabled/ })).not.toBeChecked();
  });

  it("orders template rules and adds Clarizen links and related objects", async () => {
    const user = userEvent.setup();
    const api = renderEditor();
    const rules = await screen.findByRole("region", { name: "Template rules" });
    await user.click(within(rules).getByRole("button", { name: "Add template rule" }));
    await user.selectOptions(within(rules).getByRole("combobox", { name: "Template of rule 2" }), "Standard delivery");
    await user.click(within(rules).getByRole("button", { name: "Move rule 2 up" }));

    const links = screen.getByRole("region", { name: "Clarizen links" });
    await user.click(within(links).getByRole("button", { name: "Add Clarizen link" }));
    await user.selectOptions(within(links).getByRole("combobox", { name: "Find the linked object" }), "identified_by");
    await user.click(within(links).getByRole("button", { name: "Add criterion" }));
    await user.type(within(links).getByRole("textbox", { name: "Value" }), "Acme");

    await user.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(api.calls.some((c) => c.startsWith("definitions.saveMapping"))).toBe(true));
    const saved = JSON.parse(api.calls.find((c) => c.startsWith("definitions.saveMapping"))!.slice("definitions.saveMapping ".length)) as Mapping;
    expect(saved.templateRules?.map((r) => r.template)).toEqual(["Standard delivery", "Quick start"]);
    expect(saved.links?.[0]).toMatchObject({ linkEntity: "CustomerLink", method: "identified_by", identifiedBy: [{ field: "", valueType: "constant", value: "Acme" }] });
  });

  it("says what the field lists offer without engine internals", async () => {
    renderEditor();
    expect(await screen.findByText(/Only fields of compatible types are offered/)).toBeInTheDocument();
    expect(screen.queryByText(/type pairs/)).not.toBeInTheDocument();
  });

  it("summarises Validate at the top with links to the fields", async () => {
    const user = userEvent.setup();
    renderEditor({
      definitions: {
        validateMapping: async () => [
          { code: "missing_key_field", severity: "error", part: "clarizenKeyField", message: "The Clarizen key field is not set." },
          { code: "too_long", part: "name", message: "The name is long." },
          { code: "truncated", severity: "warning", part: "templateRules[0].criteria", message: "Description holds at most 4000 characters." },
        ],
      },
    });
    await screen.findByRole("listbox", { name: /^Salesforce fields/ });
    await user.click(screen.getByRole("button", { name: "Validate" }));

    const summary = await screen.findByRole("region", { name: "Validation found 2 errors and 1 warning" });
    const errors = within(summary).getByRole("list", { name: "Errors" });
    const warnings = within(summary).getByRole("list", { name: "Warnings" });
    // A problem without a severity counts as an error.
    expect(within(errors).getAllByRole("listitem")).toHaveLength(2);
    expect(within(errors).getAllByRole("listitem")[0]).toHaveClass("problem--error");
    expect(within(warnings).getByRole("listitem")).toHaveClass("problem--warning");
    expect(summary).toHaveTextContent("Errors block enabling the mapping.");
    expect(screen.getByRole("button", { name: "2 errors and 1 warning" })).toBeInTheDocument();

    await user.click(within(errors).getByRole("button", { name: "The Clarizen key field is not set." }));
    expect(screen.getByRole("combobox", { name: "Clarizen key field" })).toHaveFocus();
    await user.click(within(warnings).getByRole("button", { name: "Description holds at most 4000 characters." }));
    expect(within(screen.getByRole("listitem", { name: "Template rule 1" })).getByRole("combobox", { name: "Template of rule 1" })).toHaveFocus();
  });

  it("says Saved but not enabled as a warning with the count", async () => {
    const user = userEvent.setup();
    renderEditor({
      definitions: {
        enableMapping: async () => ({
          enabled: false,
          matching: 0,
          fireExisting: false,
          problems: [
            { code: "missing_key_field", severity: "error", part: "salesforceKeyField", message: "The Salesforce key field is not set." },
            { code: "read_only", severity: "error", part: "fieldMaps", message: "Issue.SYSID is read-only." },
            { code: "truncated", severity: "warning", part: "fieldMaps", message: "Description holds at most 4000 characters." },
          ],
        }),
      },
    });
    await user.click(await screen.findByRole("checkbox", { name: /Enabled/ }));
    await user.click(screen.getByRole("button", { name: "Save" }));

    const notice = await screen.findByRole("status");
    expect(notice).toHaveTextContent("Saved, but not enabled: 2 errors block enabling.");
    expect(notice).toHaveClass("notice--warning");
    expect(screen.getByRole("region", { name: "Validation found 2 errors and 1 warning" })).toBeInTheDocument();
  });

  it("shows the problems that refused Save in the summary, not the raw error", async () => {
    const user = userEvent.setup();
    const warnings: Problem[] = [
      { code: "truncated", severity: "warning", part: "fieldMaps", message: "Description holds at most 4000 characters." },
      { code: "truncated", severity: "warning", part: "fieldMaps", message: "SfExternalId holds at most 255 characters." },
    ];
    const blocking: Problem = {
      code: "required_unset",
      severity: "error",
      part: "name",
      message: "Issue.Title is required to create Issue records, but no field map sets it on create.",
      fix: "Change the event type of the field map Subject → Title to Create and sync.",
    };
    renderEditor({
      definitions: {
        mapping: async () => ({ ...stored, enabled: true }),
        validateMapping: async (m) => (m.name.endsWith("changed") ? [blocking, ...warnings] : warnings),
        saveMapping: async (m) => {
          throw new ApiError(
            "validation_failed",
            `validate mapping "${m.name}": 1 problem: ${blocking.message} ${blocking.fix}`,
            blocking.fix,
          );
        },
      },
    });
    expect(await screen.findByRole("button", { name: "2 warnings" })).toBeInTheDocument();
    await user.type(screen.getByDisplayValue("Opportunity to Project"), " changed");
    await user.click(screen.getByRole("button", { name: "Save" }));

    const summary = await screen.findByRole("region", { name: "Validation found 1 error and 2 warnings" });
    expect(screen.getByRole("button", { name: "1 error and 2 warnings" })).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("Not saved: 1 error blocks saving an enabled mapping.");
    expect(screen.queryByText(/validate mapping/)).not.toBeInTheDocument();
    // The fix shows once in the summary and once next to the field, never in an error note.
    expect(within(summary).getAllByText(blocking.fix!)).toHaveLength(1);

    await user.click(within(summary).getByRole("button", { name: blocking.message }));
    expect(screen.getByDisplayValue("Opportunity to Project changed")).toHaveFocus();
  });

  it("says so when Validate finds nothing", async () => {
    const user = userEvent.setup();
    renderEditor();
    await screen.findByRole("listbox", { name: /^Salesforce fields/ });
    await user.click(screen.getByRole("button", { name: "Validate" }));
    const notice = await screen.findByRole("status");
    expect(notice).toHaveTextContent("Validation found no problem.");
    expect(notice).not.toHaveClass("notice--warning");
    expect(screen.queryByRole("region", { name: /^Validation found/ })).not.toBeInTheDocument();
  });

  it("warns when a rule without criteria hides the rules after it", async () => {
    const user = userEvent.setup();
    renderEditor();
    const rules = await screen.findByRole("region", { name: "Template rules" });
    await user.click(within(rules).getByRole("button", { name: "Add template rule" }));
    const second = within(rules).getByRole("listitem", { name: "Template rule 2" });
    expect(second).toHaveTextContent("Rule 2 has no criteria, so it matches every record that no rule above matches.");

    await user.click(within(rules).getByRole("button", { name: "Move rule 2 up" }));
    const first = within(rules).getByRole("listitem", { name: "Template rule 1" });
    expect(within(first).getByRole("note")).toHaveTextContent("the rules after it never apply");
    expect(within(first).getByRole("note")).toHaveClass("problem--warning");
  });
});

