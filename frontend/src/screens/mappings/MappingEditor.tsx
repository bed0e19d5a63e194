import { useEffect, useRef, useState } from "react";
import { useApi } from "../../api/context";
import type {
  ApiError,
  ClarizenLink,
  CompatibilityTable,
  Criterion,
  DefinitionRow,
  FieldInfo,
  Mapping,
  ObjectInfo,
  OperatorTable,
  Problem,
  RelatedObject,
  TemplateRule,
} from "../../api/types";
import { ErrorNote, errorOf } from "../../components/common/ErrorNote";
import { ConditionField } from "../../components/condition/ConditionField";
import { FieldMappingEditor } from "../../components/fieldmap/FieldMappingEditor";
import { applyChange } from "../../components/fieldmap/model";
import { useDescribes } from "../../state/describes";
import { useLoad } from "../../state/useLoad";
import { useUnsavedChanges } from "../../state/unsavedChanges";
import { FieldSelect, FormRow, ObjectSelect, Problems, move, newId, problemsAt } from "./editorParts";
import { ValidationSummary, focusProblem, problemCounts, validationFailed } from "./ValidationSummary";

/** A message at the top of the editor after Validate or Save. */
interface Notice {
  text: string;
  tone: "success" | "warning";
}

const conflictRules = [
  { value: "newest_wins", label: "Newest change wins" },
  { value: "salesforce_wins", label: "Salesforce wins" },
  { value: "clarizen_wins", label: "Clarizen wins" },
];

export interface MappingEditorProps {
  /** The mapping to edit, or null for a new one. */
  id: string | null;
  onClose(): void;
}

/** Edits every property of a mapping and shows the engine's validation next to what it concerns. */
export function MappingEditor({ id, onClose }: MappingEditorProps) {
  const api = useApi();
  const loaded = useLoad(() => (id ? api.definitions.mapping(id) : api.definitions.newMapping(1)), [api, id]);
  const [m, setM] = useState<Mapping | null>(null);
  const [wantEnabled, setWantEnabled] = useState(false);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [saving, setSaving] = useState(false);
  const editor = useRef<HTMLDivElement>(null);
  const feedback = useRef<HTMLDivElement>(null);
  // Counts Validate and Save clicks; each one brings their feedback into view.
  const [revealed, setRevealed] = useState(0);
  // The mapping as last loaded or saved, with its Enabled box, to tell unsaved changes.
  const [baseline, setBaseline] = useState("");
  const snapshot = (mapping: Mapping, enabled: boolean) => JSON.stringify({ mapping, enabled });
  const confirmLeave = useUnsavedChanges(m !== null && baseline !== "" && snapshot(m, wantEnabled) !== baseline);

  useEffect(() => {
    if (revealed === 0) return;
    const top = feedback.current;
    top?.scrollIntoView?.({ block: "nearest" });
    top?.querySelector<HTMLElement>(".validation-summary, .notice")?.focus({ preventScroll: true });
  }, [revealed]);

  useEffect(() => {
    if (loaded.data && m === null) {
      setM(loaded.data);
      setWantEnabled(loaded.data.enabled);
      setBaseline(snapshot(loaded.data, loaded.data.enabled));
    }
  }, [loaded.data, m]);

  // A saved mapping opens with the engine's problems next to the fields,
  // so the editor shows why an enable was refused.
  useEffect(() => {
    if (!id || !loaded.data) return;
    let live = true;
    api.definitions.validateMapping(loaded.data).then(
      (found) => live && setProblems(found),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, id, loaded.data]);

  const instance = m?.clarizenInstance ?? 1;
  const sfObjects = useLoad(() => api.schema.salesforceObjects(), [api]);
  const czEntities = useLoad(() => api.schema.clarizenEntities(instance), [api, instance]);
  const definitions = useLoad(() => api.definitions.list(), [api]);
  const tables = useLoad(async () => ({ compatibility: await api.schema.fieldCompatibility(), operators: await api.schema.conditionOperators() }), [api]);
  const describe = useDescribes(api);

  if (loaded.error) return <ErrorNote error={loaded.error} />;
  if (!m) return <p className="muted">Loading the mapping…</p>;

  const sf = describe("salesforce", instance, m.salesforceObject);
  const cz = describe("clarizen", instance, m.clarizenEntity);
  const mappings = (definitions.data ?? []).filter((d) => d.kind === "mapping" && d.id !== m.id);
  const patch = (p: Partial<Mapping>) => setM((cur) => (cur ? { ...cur, ...p } : cur));
  const at = (part: string) => problemsAt(problems, part);

  const validate = async () => {
    setError(null);
    try {
      const found = await api.definitions.validateMapping(m);
      setProblems(found);
      setNotice(found.length === 0 ? { text: "Validation found no problem.", tone: "success" } : null);
      setRevealed((n) => n + 1);
      return found;
    } catch (err) {
      setError(errorOf(err));
      return null;
    }
  };

  // The engine refuses to save an enabled mapping with errors. Its error repeats the problems as text, so the
  // editor validates again and shows them in the summary, each next to its field, with the counts to match.
  const showRefusal = async () => {
    try {
      const found = await api.definitions.validateMapping(m);
      const blocking = found.filter((p) => p.severity !== "warning");
      if (blocking.length === 0) return false;
      setProblems(found);
      setNotice({
        text: `Not saved: ${problemCounts(blocking)} ${blocking.length === 1 ? "blocks" : "block"} saving an enabled mapping. Fix ${blocking.length === 1 ? "it" : "them"}, or clear Enabled to save the mapping disabled.`,
        tone: "warning",
      });
      setRevealed((n) => n + 1);
      return true;
    } catch {
      return false;
    }
  };

  const save = async () => {
    setSaving(true);
    setError(null);
    setNotice(null);
    try {
      const saved = await api.definitions.saveMapping(m);
      let enabled = saved.enabled;
      if (wantEnabled && !saved.enabled) {
        const out = await api.definitions.enableMapping(saved.id);
        enabled = out.enabled;
        setProblems(out.problems);
        if (!out.enabled) {
          setM({ ...saved, enabled: false });
          setWantEnabled(false);
          setBaseline(snapshot({ ...saved, enabled: false }, false));
          const blocking = out.problems.filter((p) => p.severity !== "warning");
          setNotice({
            text: `Saved, but not enabled: ${problemCounts(blocking.length > 0 ? blocking : out.problems)} ${blocking.length === 1 ? "blocks" : "block"} enabling. Fix ${blocking.length === 1 ? "it" : "them"}, then enable the mapping.`,
            tone: "warning",
          });
          setRevealed((n) => n + 1);
          return;
        }
      } else if (!wantEnabled && saved.enabled) {
        await api.definitions.disableMapping(saved.id);
        enabled = false;
      } else {
        setProblems(await api.definitions.validateMapping(saved));
      }
      setM({ ...saved, enabled });
      setBaseline(snapshot({ ...saved, enabled }, enabled));
      setNotice({ text: enabled ? "Saved and enabled." : "Saved.", tone: "success" });
    } catch (err) {
      const e = errorOf(err);
      if (e.code !== validationFailed || !(await showRefusal())) setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div ref={editor} className="editor" aria-label={`Mapping editor: ${m.name || "new mapping"}`}>
      <header className="editor__header">
        <button type="button" className="button button--ghost" onClick={() => confirmLeave(onClose)}>
          ← Mappings &amp; Events
        </button>
        <h2>{m.name || "New mapping"}</h2>
        <span className="toolbar__spacer" />
        {problems.length > 0 ? (
          <button type="button" className="link-button editor__counts" onClick={() => setRevealed((n) => n + 1)}>
            {problemCounts(problems)}
          </button>
        ) : null}
        <button type="button" className="button" onClick={() => void validate()}>
          Validate
        </button>
        <button type="button" className="button button--primary" disabled={saving} onClick={() => void save()}>
          {saving ? "Saving…" : "Save"}
        </button>
      </header>
      <div ref={feedback} className="editor__feedback">
        {error ? <ErrorNote error={error} /> : null}
        {notice ? (
          <p className={notice.tone === "warning" ? "notice notice--warning" : "notice"} role="status" tabIndex={-1}>
            {notice.text}
          </p>
        ) : null}
        <ValidationSummary
          problems={problems}
          blocks="enabling the mapping"
          onShow={(p) => (editor.current ? focusProblem(editor.current, p) : false)}
        />
      </div>

      <section className="card editor__section" aria-label="General">
        <h3>General</h3>
        <div className="form-grid">
          <FormRow label="Name" part="name" problems={at("name")}>
            <input className="input" value={m.name} onChange={(e) => patch({ name: e.target.value })} />
          </FormRow>
          <FormRow label="Description">
            <input className="input" value={m.description ?? ""} onChange={(e) => patch({ description: e.target.value })} />
          </FormRow>
          <FormRow label="Clarizen instance" part="clarizenInstance" problems={at("clarizenInstance")}>
            <select
              className="select"
              value={m.clarizenInstance}
              onChange={(e) => patch({ clarizenInstance: Number(e.target.value), clarizenEntity: "", clarizenKeyField: "" })}
            >
              <option value={1}>Clarizen instance 1</option>
              <option value={2}>Clarizen instance 2</option>
            </select>
          </FormRow>
          <FormRow label="Salesforce object" part="salesforceObject" problems={at("salesforceObject")}>
            <ObjectSelect
              label="Salesforce object"
              objects={sfObjects.data ?? []}
              value={m.salesforceObject}
              onChange={(name) => patch({ salesforceObject: name, salesforceKeyField: "", fieldMaps: [] })}
            />
          </FormRow>
          <FormRow label="Clarizen entity" part="clarizenEntity" problems={at("clarizenEntity")}>
            <ObjectSelect
              label="Clarizen entity"
              objects={czEntities.data ?? []}
              value={m.clarizenEntity}
              onChange={(name) => patch({ clarizenEntity: name, clarizenKeyField: "", fieldMaps: [], templateRules: [] })}
            />
          </FormRow>
          <FormRow label="Enabled" help="Only enabled mappings sync. Liaison validates the mapping before it enables it.">
            <input type="checkbox" checked={wantEnabled} onChange={(e) => setWantEnabled(e.target.checked)} />
          </FormRow>
        </div>
        {sfObjects.error ? <ErrorNote error={sfObjects.error} /> : null}
      </section>

      <section className="card editor__section" aria-label="Keys and policies">
        <h3>Keys and policies</h3>
        <div className="form-grid">
          <FormRow
            label="Salesforce key field"
            help="Identifies a record when another mapping or an event must find it, such as an external id."
            part="salesforceKeyField"
            problems={at("salesforceKeyField")}
          >
            <FieldSelect label="Salesforce key field" fields={sf?.fields ?? []} value={m.salesforceKeyField} onChange={(f) => patch({ salesforceKeyField: f })} />
          </FormRow>
          <FormRow label="Clarizen key field" help="For example ExternalID holding the Salesforce Id." part="clarizenKeyField" problems={at("clarizenKeyField")}>
            <FieldSelect label="Clarizen key field" fields={cz?.fields ?? []} value={m.clarizenKeyField} onChange={(f) => patch({ clarizenKeyField: f })} />
          </FormRow>
          <FormRow
            label="When a referenced record has no counterpart"
            help="Another mapping or an event refers to a record of this type that is not linked yet."
            part="createPolicy"
            problems={at("createPolicy")}
          >
            <select className="select" value={m.createPolicy} onChange={(e) => patch({ createPolicy: e.target.value })}>
              <option value="create">Create it</option>
              <option value="leave_empty">Leave the reference empty and log a warning</option>
            </select>
          </FormRow>
          <FormRow label="When a linked record is deleted on one side" part="deletePolicy" problems={at("deletePolicy")}>
            <select className="select" value={m.deletePolicy} onChange={(e) => patch({ deletePolicy: e.target.value })}>
              <option value="delete_counterpart">Delete the counterpart</option>
              <option value="retain">Keep the counterpart and drop the link</option>
            </select>
          </FormRow>
          <FormRow label="When a field changed on both sides" part="conflictRule" problems={at("conflictRule")}>
            <select className="select" value={m.conflictRule} onChange={(e) => patch({ conflictRule: e.target.value })}>
              {conflictRules.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
          </FormRow>
          <FormRow
            label="Social sync"
            help="Syncs Chatter posts and comments of linked records with Clarizen discussion posts and replies."
            part="socialSync"
            problems={at("socialSync")}
          >
            <input type="checkbox" checked={m.socialSync} onChange={(e) => patch({ socialSync: e.target.checked })} />
          </FormRow>
        </div>
      </section>

      <section className="card editor__section" aria-label="Field maps" data-part="fieldMaps">
        <h3>Field maps</h3>
        {sf && cz && tables.data ? (
          <FieldMappingEditor
            mapping={{ salesforceObject: m.salesforceObject, clarizenEntity: m.clarizenEntity, fieldMaps: m.fieldMaps ?? [] }}
            salesforceObject={sf}
            clarizenObject={cz}
            compatibility={tables.data.compatibility}
            problems={problems.filter((p) => p.fieldMapId || p.part === "fieldMaps")}
            onChange={(change) =>
              setM((cur) => {
                if (!cur) return cur;
                const next = applyChange({ salesforceObject: cur.salesforceObject, clarizenEntity: cur.clarizenEntity, fieldMaps: cur.fieldMaps ?? [] }, change);
                return { ...cur, fieldMaps: next.fieldMaps };
              })
            }
          />
        ) : (
          <p className="muted">Choose the Salesforce object and the Clarizen entity to map their fields.</p>
        )}
      </section>

      {cz?.templatable || (m.templateRules ?? []).length > 0 ? (
        <TemplateRulesSection
          rules={m.templateRules ?? []}
          instance={instance}
          entity={m.clarizenEntity}
          sf={sf}
          operators={tables.data?.operators ?? {}}
          problems={problems}
          onChange={(rules) => patch({ templateRules: rules })}
        />
      ) : null}

      <LinksSection
        links={m.links ?? []}
        sf={sf}
        instance={instance}
        entities={czEntities.data?.map((e) => e.name) ?? []}
        mappings={mappings}
        problems={problems}
        onChange={(links) => patch({ links })}
      />

      <RelatedSection
        related={m.relatedObjects ?? []}
        instance={instance}
        entity={m.clarizenEntity}
        mappings={mappings}
        problems={problems}
        operators={tables.data?.operators ?? {}}
        onChange={(relatedObjects) => patch({ relatedObjects })}
      />
      <CompatibilityNote table={tables.data?.compatibility} />
    </div>
  );
}

/** Tells what the field lists offer once the engine's compatibility table has arrived. */
function CompatibilityNote({ table }: { table?: CompatibilityTable }) {
  if (!table) return null;
  return <p className="muted">Only fields of compatible types are offered, and only fields that can be written accept a drop.</p>;
}

interface TemplateRulesProps {
  rules: TemplateRule[];
  instance: number;
  entity: string;
  sf?: ObjectInfo;
  operators: OperatorTable;
  problems: Problem[];
  onChange(rules: TemplateRule[]): void;
}

/** Ordered rules that pick the Clarizen template of a new object: the first rule whose criteria match wins. */
function TemplateRulesSection({ rules, instance, entity, sf, operators, problems, onChange }: TemplateRulesProps) {
  const api = useApi();
  const templates = useLoad(() => (entity ? api.schema.clarizenTemplates(instance, entity) : Promise.resolve([])), [api, instance, entity]);
  const set = (i: number, p: Partial<TemplateRule>) => onChange(rules.map((r, j) => (j === i ? { ...r, ...p } : r)));

  return (
    <section className="card editor__section" aria-label="Template rules" data-part="templateRules">
      <h3>Template rules</h3>
      <p className="form-help">
        When Liaison creates a {entity || "Clarizen object"}, the first rule whose criteria match the Salesforce record picks
        its template. Without a matching rule, the object is created without a template.
      </p>
      <Problems problems={problems.filter((p) => p.part === "templateRules")} />
      <ol className="rule-list">
        {rules.map((rule, i) => (
          <li key={i} className="rule-list__item" aria-label={`Template rule ${i + 1}`} data-part={`templateRules[${i}]`}>
            <div className="rule-list__head">
              <FormRow label={`Template of rule ${i + 1}`}>
                <select className="select" value={rule.template} onChange={(e) => set(i, { template: e.target.value })}>
                  <option value="">Choose a template…</option>
                  {rule.template && !(templates.data ?? []).includes(rule.template) ? <option value={rule.template}>{rule.template}</option> : null}
                  {(templates.data ?? []).map((t) => (
                    <option key={t} value={t}>
                      {t}
                    </option>
                  ))}
                </select>
              </FormRow>
              <FormRow label={`Criteria of rule ${i + 1} must`}>
                <select className="select" value={rule.logic} onChange={(e) => set(i, { logic: e.target.value === "or" ? "or" : "and" })}>
                  <option value="and">all match (AND)</option>
                  <option value="or">any match (OR)</option>
                </select>
              </FormRow>
              <div className="button-row">
                <button type="button" className="button button--ghost" aria-label={`Move rule ${i + 1} up`} disabled={i === 0} onClick={() => onChange(move(rules, i, -1))}>
                  ↑
                </button>
                <button
                  type="button"
                  className="button button--ghost"
                  aria-label={`Move rule ${i + 1} down`}
                  disabled={i === rules.length - 1}
                  onClick={() => onChange(move(rules, i, 1))}
                >
                  ↓
                </button>
                <button type="button" className="button button--ghost button--danger" onClick={() => onChange(rules.filter((_, j) => j !== i))}>
                  Remove rule
                </button>
              </div>
            </div>
            {rule.criteria.map((c, k) => (
              <div key={k} className="criterion">
                {sf ? (
                  <ConditionField
                    side="salesforce"
                    instance={instance}
                    object={sf.name}
                    fields={sf.fields}
                    operators={operators}
                    value={c}
                    onChange={(text) => set(i, { criteria: rule.criteria.map((x, j) => (j === k ? text : x)) })}
                  />
                ) : (
                  <p className="mono">{c}</p>
                )}
                <button type="button" className="button button--ghost button--danger" onClick={() => set(i, { criteria: rule.criteria.filter((_, j) => j !== k) })}>
                  Remove criterion
                </button>
              </div>
            ))}
            <button type="button" className="button button--ghost" disabled={!sf} onClick={() => set(i, { criteria: [...rule.criteria, ""] })}>
              Add criterion
            </button>
            {rule.criteria.length === 0 ? (
              <p className={i < rules.length - 1 ? "problem problem--warning" : "form-help"} role="note">
                {i < rules.length - 1
                  ? `Rule ${i + 1} has no criteria, so it matches every record and the rules after it never apply. Add a criterion or move it last.`
                  : `Rule ${i + 1} has no criteria, so it matches every record that no rule above matches.`}
              </p>
            ) : null}
            <Problems problems={problemsAt(problems, `templateRules[${i}]`)} />
          </li>
        ))}
      </ol>
      <button type="button" className="button" onClick={() => onChange([...rules, { template: "", criteria: [], logic: "and" }])}>
        Add template rule
      </button>
      {templates.error ? <ErrorNote error={templates.error} /> : null}
    </section>
  );
}

interface LinksProps {
  links: ClarizenLink[];
  sf?: ObjectInfo;
  instance: number;
  entities: string[];
  mappings: DefinitionRow[];
  problems: Problem[];
  onChange(links: ClarizenLink[]): void;
}

/** Links the created Clarizen object to another Clarizen object, such as a Project to its Customer. */
function LinksSection({ links, sf, instance, entities, mappings, problems, onChange }: LinksProps) {
  const api = useApi();
  const describe = useDescribes(api);
  const set = (i: number, p: Partial<ClarizenLink>) => onChange(links.map((l, j) => (j === i ? { ...l, ...p } : l)));
  const references = (f: FieldInfo) => f.kind === "reference" || f.kind === "id";

  return (
    <section className="card editor__section" aria-label="Clarizen links" data-part="links">
      <h3>Clarizen links</h3>
      <p className="form-help">
        After create, link the Clarizen object to another one through a link entity: found through a Salesforce source
        field and the referenced type's mapping, or identified by criteria on the linked object.
      </p>
      {links.map((link, i) => {
        const linked = describe("clarizen", instance, link.linkedEntity);
        const criteria = link.identifiedBy ?? [];
        const setCriterion = (k: number, p: Partial<Criterion>) => set(i, { identifiedBy: criteria.map((c, j) => (j === k ? { ...c, ...p } : c)) });
        return (
          <div key={link.id} className="subcard" aria-label={`Link ${i + 1}`} data-part={`links[${i}]`}>
            <div className="form-grid">
              <FormRow label="Link entity" help="The Clarizen link type, such as CustomerLink.">
                <input className="input" value={link.linkEntity} onChange={(e) => set(i, { linkEntity: e.target.value })} />
              </FormRow>
              <FormRow label="Linked entity">
                <select className="select" value={link.linkedEntity} onChange={(e) => set(i, { linkedEntity: e.target.value })}>
                  <option value="">Choose…</option>
                  {link.linkedEntity && !entities.includes(link.linkedEntity) ? <option value={link.linkedEntity}>{link.linkedEntity}</option> : null}
                  {entities.map((e) => (
                    <option key={e} value={e}>
                      {e}
                    </option>
                  ))}
                </select>
              </FormRow>
              <FormRow label="Field for the mapped object" help="The link entity's field that holds this mapping's object, such as Entity.">
                <input className="input" value={link.entityField} onChange={(e) => set(i, { entityField: e.target.value })} />
              </FormRow>
              <FormRow label="Field for the linked object" help="Such as Customer.">
                <input className="input" value={link.linkedField} onChange={(e) => set(i, { linkedField: e.target.value })} />
              </FormRow>
              <FormRow label="Find the linked object">
                <select className="select" value={link.method} onChange={(e) => set(i, { method: e.target.value === "identified_by" ? "identified_by" : "source_field" })}>
                  <option value="source_field">Through a source field and its mapping</option>
                  <option value="identified_by">Identified by criteria</option>
                </select>
              </FormRow>
            </div>
            {link.method === "source_field" ? (
              <div className="form-grid">
                <FormRow label="Salesforce source field" help="A reference field or a path such as Opportunity__r.AccountId.">
                  <input
                    className="input mono"
                    list={`link-fields-${link.id}`}
                    value={link.sourceField ?? ""}
                    onChange={(e) => set(i, { sourceField: e.target.value })}
                  />
                  <datalist id={`link-fields-${link.id}`}>
                    {(sf?.fields ?? []).filter(references).map((f) => (
                      <option key={f.name} value={f.name}>
                        {f.label}
                      </option>
                    ))}
                  </datalist>
                </FormRow>
                <FormRow label="Mapping of the referenced type">
                  <select className="select" value={link.mappingId ?? ""} onChange={(e) => set(i, { mappingId: e.target.value })}>
                    <option value="">Choose a mapping…</option>
                    {mappings.map((d) => (
                      <option key={d.id} value={d.id}>
                        {d.name}
                      </option>
                    ))}
                  </select>
                </FormRow>
              </div>
            ) : (
              <div>
                {criteria.map((c, k) => (
                  <div key={k} className="criterion-row" aria-label={`Criterion ${k + 1} of link ${i + 1}`}>
                    <FieldSelect label={`Field of ${link.linkedEntity || "the linked object"}`} fields={linked?.fields ?? []} value={c.field} onChange={(f) => setCriterion(k, { field: f })} />
                    <span>equals</span>
                    <select className="select" aria-label="Value type" value={c.valueType} onChange={(e) => setCriterion(k, { valueType: e.target.value === "source_field" ? "source_field" : "constant" })}>
                      <option value="constant">the value</option>
                      <option value="source_field">the Salesforce field</option>
                    </select>
                    {c.valueType === "source_field" ? (
                      <FieldSelect label="Salesforce field" fields={sf?.fields ?? []} value={c.value} onChange={(f) => setCriterion(k, { value: f })} />
                    ) : (
                      <input className="input" aria-label="Value" value={c.value} onChange={(e) => setCriterion(k, { value: e.target.value })} />
                    )}
                    <button type="button" className="button button--ghost button--danger" onClick={() => set(i, { identifiedBy: criteria.filter((_, j) => j !== k) })}>
                      Remove
                    </button>
                  </div>
                ))}
                <button type="button" className="button button--ghost" onClick={() => set(i, { identifiedBy: [...criteria, { field: "", valueType: "constant", value: "" }] })}>
                  Add criterion
                </button>
              </div>
            )}
            <Problems problems={problemsAt(problems, `links[${i}]`)} />
            <button type="button" className="button button--ghost button--danger" onClick={() => onChange(links.filter((_, j) => j !== i))}>
              Remove link
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="button"
        onClick={() =>
          onChange([
            ...links,
            { id: newId("link"), linkEntity: "CustomerLink", entityField: "Entity", linkedField: "Customer", linkedEntity: "Customer", method: "source_field" },
          ])
        }
      >
        Add Clarizen link
      </button>
    </section>
  );
}

interface RelatedProps {
  related: RelatedObject[];
  instance: number;
  entity: string;
  mappings: DefinitionRow[];
  problems: Problem[];
  operators: OperatorTable;
  onChange(related: RelatedObject[]): void;
}

/** Maps objects related to the Clarizen object, such as a project's milestones, through their own mapping. */
function RelatedSection({ related, instance, entity, mappings, problems, operators, onChange }: RelatedProps) {
  const api = useApi();
  const describe = useDescribes(api);
  const relations = useLoad(() => (entity ? api.schema.clarizenRelations(instance, entity) : Promise.resolve([])), [api, instance, entity]);
  const set = (i: number, p: Partial<RelatedObject>) => onChange(related.map((r, j) => (j === i ? { ...r, ...p } : r)));

  return (
    <section className="card editor__section" aria-label="Related Clarizen objects" data-part="relatedObjects">
      <h3>Related Clarizen objects</h3>
      <p className="form-help">
        Objects related to the {entity || "Clarizen object"} are mapped to a Salesforce object through their own mapping and
        linked to this record's Salesforce counterpart, such as a project's milestones as Clarizen milestone records.
      </p>
      {related.map((r, i) => {
        const target = describe("salesforce", instance, r.salesforceObject);
        const relatedObj = describe("clarizen", instance, r.relatedEntity);
        const viaMapping = mappings.find((d) => d.id === r.mappingId);
        return (
          <div key={r.id} className="subcard" aria-label={`Related object ${i + 1}`} data-part={`relatedObjects[${i}]`}>
            <div className="form-grid">
              <FormRow label="Relationship">
                <select
                  className="select"
                  value={r.relationship}
                  onChange={(e) => {
                    const rel = relations.data?.find((x) => x.name === e.target.value);
                    set(i, { relationship: e.target.value, relatedEntity: rel?.object ?? r.relatedEntity });
                  }}
                >
                  <option value="">Choose…</option>
                  {r.relationship && !relations.data?.some((x) => x.name === r.relationship) ? <option value={r.relationship}>{r.relationship}</option> : null}
                  {(relations.data ?? []).map((x) => (
                    <option key={x.name} value={x.name}>
                      {x.label} ({x.object})
                    </option>
                  ))}
                </select>
              </FormRow>
              <FormRow label="Mapping of the related objects">
                <select
                  className="select"
                  value={r.mappingId}
                  onChange={(e) => {
                    const d = mappings.find((x) => x.id === e.target.value);
                    set(i, { mappingId: e.target.value, salesforceObject: d?.salesforceObject ?? r.salesforceObject });
                  }}
                >
                  <option value="">Choose a mapping…</option>
                  {mappings.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name}
                    </option>
                  ))}
                </select>
              </FormRow>
              <FormRow label="Salesforce object" help={viaMapping ? `From the mapping “${viaMapping.name}”.` : undefined}>
                <input className="input" value={r.salesforceObject} onChange={(e) => set(i, { salesforceObject: e.target.value })} />
              </FormRow>
              <FormRow label="Field that points at this record" help="The reference field on that Salesforce object that points at this mapping's Salesforce record.">
                <FieldSelect
                  label="Parent link field"
                  fields={target?.fields ?? []}
                  filter={(f) => f.kind === "reference"}
                  value={r.parentLinkField}
                  onChange={(f) => set(i, { parentLinkField: f })}
                />
              </FormRow>
            </div>
            <div className="form-field">
              <span className="form-field__label">Only related objects that match (optional)</span>
              {relatedObj ? (
                <ConditionField
                  side="clarizen"
                  instance={instance}
                  object={relatedObj.name}
                  fields={relatedObj.fields}
                  operators={operators}
                  value={r.condition ?? ""}
                  onChange={(text) => set(i, { condition: text })}
                />
              ) : (
                <input className="input mono" value={r.condition ?? ""} onChange={(e) => set(i, { condition: e.target.value })} />
              )}
            </div>
            <Problems problems={problemsAt(problems, `relatedObjects[${i}]`)} />
            <button type="button" className="button button--ghost button--danger" onClick={() => onChange(related.filter((_, j) => j !== i))}>
              Remove related object
            </button>
          </div>
        );
      })}
      <Problems problems={problems.filter((p) => p.part === "relatedObjects")} />
      <button
        type="button"
        className="button"
        disabled={entity === ""}
        onClick={() => onChange([...related, { id: newId("related"), relatedEntity: "", relationship: "", salesforceObject: "", mappingId: "", parentLinkField: "" }])}
      >
        Add related objects
      </button>
    </section>
  );
}
