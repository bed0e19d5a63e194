import { useEffect, useRef, useState } from "react";
import { useApi } from "../../api/context";
import type { ApiError, EventFieldValue, LiaisonEvent, NewObject, Problem, RelatedSalesforceObject, Side } from "../../api/types";
import { ErrorNote, errorOf } from "../../components/common/ErrorNote";
import { ConditionField } from "../../components/condition/ConditionField";
import { useDescribes } from "../../state/describes";
import { useLoad } from "../../state/useLoad";
import { useUnsavedChanges } from "../../state/unsavedChanges";
import { FieldSelect, FormRow, ObjectSelect, Problems, newId, problemsAt } from "./editorParts";
import { ValidationSummary, focusProblem, problemCounts, validationFailed } from "./ValidationSummary";

function blankEvent(): LiaisonEvent {
  return {
    id: "",
    name: "",
    clarizenInstance: 1,
    triggeredBy: "salesforce",
    triggeringObject: "",
    condition: "",
    target: { kind: "entity_mapping", mappingId: "" },
    relatedObjects: [],
    enabled: false,
    fireExisting: false,
  };
}

export interface EventEditorProps {
  /** The event to edit, or null for a new one. */
  id: string | null;
  onClose(): void;
}

/** Edits an event: what triggers it, its condition, what it creates and which related records follow. */
export function EventEditor({ id, onClose }: EventEditorProps) {
  const api = useApi();
  const loaded = useLoad(() => (id ? api.definitions.event(id) : Promise.resolve(blankEvent())), [api, id]);
  const [e, setE] = useState<LiaisonEvent | null>(null);
  const [saved, setSaved] = useState(id !== null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState("");
  const [saving, setSaving] = useState(false);
  const editor = useRef<HTMLDivElement>(null);
  const feedback = useRef<HTMLDivElement>(null);
  // Counts Validate and Save clicks; each one brings their feedback into view.
  const [revealed, setRevealed] = useState(0);
  // The event as last loaded or saved, to tell unsaved changes.
  const [baseline, setBaseline] = useState("");
  const confirmLeave = useUnsavedChanges(e !== null && baseline !== "" && JSON.stringify(e) !== baseline);

  useEffect(() => {
    if (revealed === 0) return;
    const top = feedback.current;
    top?.scrollIntoView?.({ block: "nearest" });
    top?.querySelector<HTMLElement>(".validation-summary, .notice")?.focus({ preventScroll: true });
  }, [revealed]);

  useEffect(() => {
    if (loaded.data && e === null) {
      setE(loaded.data);
      setBaseline(JSON.stringify(loaded.data));
    }
  }, [loaded.data, e]);

  // A saved event opens with the engine's problems next to its parts.
  useEffect(() => {
    if (!id || !loaded.data) return;
    let live = true;
    api.definitions.validateEvent(loaded.data).then(
      (found) => live && setProblems(found),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, id, loaded.data]);

  const instance = e?.clarizenInstance ?? 1;
  const side: Side = e?.triggeredBy === "clarizen" ? "clarizen" : "salesforce";
  const sfObjects = useLoad(() => api.schema.salesforceObjects(), [api]);
  const czEntities = useLoad(() => api.schema.clarizenEntities(instance), [api, instance]);
  const definitions = useLoad(() => api.definitions.list(), [api]);
  const operators = useLoad(() => api.schema.conditionOperators(), [api]);
  const children = useLoad(
    () => (side === "salesforce" && e?.triggeringObject ? api.schema.salesforceChildRelationships(e.triggeringObject) : Promise.resolve([])),
    [api, side, e?.triggeringObject],
  );
  const describe = useDescribes(api);

  if (loaded.error) return <ErrorNote error={loaded.error} />;
  if (!e) return <p className="muted">Loading the event…</p>;

  const trigger = describe(side, instance, e.triggeringObject);
  const mappings = (definitions.data ?? []).filter((d) => d.kind === "mapping" && d.clarizenInstance === instance);
  const patch = (p: Partial<LiaisonEvent>) => setE((cur) => (cur ? { ...cur, ...p } : cur));
  const at = (part: string) => problemsAt(problems, part);
  const newObject: NewObject = e.target.newObject ?? { salesforceObject: "", values: [], sourceLinkField: "", mappingId: "" };
  const setNewObject = (p: Partial<NewObject>) => patch({ target: { ...e.target, newObject: { ...newObject, ...p } } });
  const newObjectInfo = describe("salesforce", instance, newObject.salesforceObject);
  const related = e.relatedObjects ?? [];
  const setRelated = (i: number, p: Partial<RelatedSalesforceObject>) =>
    patch({ relatedObjects: related.map((r, j) => (j === i ? { ...r, ...p } : r)) });
  const values = newObject.values ?? [];
  const setValue = (i: number, p: Partial<EventFieldValue>) => setNewObject({ values: values.map((v, j) => (j === i ? { ...v, ...p } : v)) });

  const validate = async () => {
    setError(null);
    try {
      const found = await api.definitions.validateEvent(e);
      setProblems(found);
      setNotice(found.length === 0 ? "Validation found no problem." : "");
      setRevealed((n) => n + 1);
    } catch (err) {
      setError(errorOf(err));
    }
  };

  // The engine refuses to save an enabled event with errors; the summary shows them, each next to its part.
  const showRefusal = async () => {
    try {
      const found = await api.definitions.validateEvent(e);
      const blocking = found.filter((p) => p.severity !== "warning");
      if (blocking.length === 0) return false;
      setProblems(found);
      setNotice(`Not saved: ${problemCounts(blocking)} ${blocking.length === 1 ? "blocks" : "block"} saving an enabled event. Fix ${blocking.length === 1 ? "it" : "them"}, or disable the event on the list first.`);
      setRevealed((n) => n + 1);
      return true;
    } catch {
      return false;
    }
  };

  const save = async () => {
    setSaving(true);
    setError(null);
    setNotice("");
    try {
      const stored = await api.definitions.saveEvent(e);
      setE(stored);
      setBaseline(JSON.stringify(stored));
      setSaved(true);
      setProblems(await api.definitions.validateEvent(stored));
      setNotice(stored.enabled ? "Saved." : "Saved. Enable the event on the list; Liaison shows how many records match first.");
      setRevealed((n) => n + 1);
    } catch (err) {
      const refused = errorOf(err);
      if (refused.code !== validationFailed || !(await showRefusal())) setError(refused);
    } finally {
      setSaving(false);
    }
  };

  const targetKinds =
    side === "salesforce"
      ? [
          { value: "entity_mapping", label: "Entity mapping: create the Clarizen object through a mapping" },
          { value: "create_and_sync", label: "Create new object and synchronize: first a Salesforce object, then its Clarizen object" },
        ]
      : [{ value: "salesforce_mapping", label: "Salesforce object through a mapping (created if missing)" }];

  return (
    <div ref={editor} className="editor" aria-label={`Event editor: ${e.name || "new event"}`}>
      <header className="editor__header">
        <button type="button" className="button button--ghost" onClick={() => confirmLeave(onClose)}>
          ← Mappings &amp; Events
        </button>
        <h2>{e.name || "New event"}</h2>
        <span className="toolbar__spacer" />
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
          <p className="notice" role="status" tabIndex={-1}>
            {notice}
          </p>
        ) : null}
        <ValidationSummary
          problems={problems}
          blocks="enabling the event"
          onShow={(p) => (editor.current ? focusProblem(editor.current, p) : false)}
        />
      </div>

      <section className="card editor__section" aria-label="Trigger">
        <h3>Trigger</h3>
        <div className="form-grid">
          <FormRow label="Name" part="name" problems={at("name")}>
            <input className="input" value={e.name} onChange={(ev) => patch({ name: ev.target.value })} />
          </FormRow>
          <FormRow label="Description">
            <input className="input" value={e.description ?? ""} onChange={(ev) => patch({ description: ev.target.value })} />
          </FormRow>
          <FormRow label="Clarizen instance" part="clarizenInstance" problems={at("clarizenInstance")}>
            <select className="select" value={e.clarizenInstance} onChange={(ev) => patch({ clarizenInstance: Number(ev.target.value) })}>
              <option value={1}>Clarizen instance 1</option>
              <option value={2}>Clarizen instance 2</option>
            </select>
          </FormRow>
          <FormRow label="Triggered by" help={saved ? "Fixed once the event is saved; create a new event to trigger from the other system." : undefined} part="triggeredBy" problems={at("triggeredBy")}>
            <select
              className="select"
              value={side}
              disabled={saved}
              onChange={(ev) =>
                patch({
                  triggeredBy: ev.target.value,
                  triggeringObject: "",
                  condition: "",
                  target: ev.target.value === "clarizen" ? { kind: "salesforce_mapping", mappingId: "" } : { kind: "entity_mapping", mappingId: "" },
                  relatedObjects: [],
                })
              }
            >
              <option value="salesforce">Salesforce</option>
              <option value="clarizen">Clarizen</option>
            </select>
          </FormRow>
          <FormRow label="Triggering object" part="triggeringObject" problems={at("triggeringObject")}>
            <ObjectSelect
              label="Triggering object"
              objects={(side === "salesforce" ? sfObjects.data : czEntities.data) ?? []}
              value={e.triggeringObject}
              onChange={(name) => patch({ triggeringObject: name, condition: "" })}
            />
          </FormRow>
        </div>
        <div className="form-field" data-part="condition">
          <span className="form-field__label">Condition</span>
          <span className="form-help">
            A record fires the event the first time it matches after the event is enabled. Without a condition every
            record matches.
          </span>
          {trigger && operators.data ? (
            <ConditionField
              key={`${side}:${e.triggeringObject}`}
              side={side}
              instance={instance}
              object={trigger.name}
              fields={trigger.fields}
              operators={operators.data}
              value={e.condition ?? ""}
              onChange={(text) => patch({ condition: text })}
            />
          ) : (
            <p className="muted">Choose the triggering object to build its condition.</p>
          )}
          <Problems problems={at("condition")} label="Problems of the condition" />
        </div>
      </section>

      <section className="card editor__section" aria-label="Target" data-part="target">
        <h3>Target</h3>
        <Problems problems={problems.filter((p) => p.part === "target")} />
        <FormRow label="What the event creates">
          <select
            className="select"
            value={e.target.kind}
            onChange={(ev) =>
              patch({
                target:
                  ev.target.value === "create_and_sync"
                    ? { kind: "create_and_sync", newObject }
                    : { kind: ev.target.value, mappingId: e.target.mappingId ?? "" },
              })
            }
          >
            {targetKinds.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </FormRow>
        {e.target.kind === "create_and_sync" ? (
          <div className="subcard" aria-label="New object">
            <div className="form-grid">
              <FormRow label="New Salesforce object" part="target.newObject" problems={at("target.newObject")}>
                <ObjectSelect label="New Salesforce object" objects={sfObjects.data ?? []} value={newObject.salesforceObject} onChange={(name) => setNewObject({ salesforceObject: name, sourceLinkField: "", values: [] })} />
              </FormRow>
              <FormRow label="Field that points back at the triggering record" help={`A reference field of the new object, such as ${e.triggeringObject || "Opportunity"}__c.`}>
                <FieldSelect
                  label="Source link field"
                  fields={newObjectInfo?.fields ?? []}
                  filter={(f) => f.kind === "reference"}
                  value={newObject.sourceLinkField}
                  onChange={(f) => setNewObject({ sourceLinkField: f })}
                />
              </FormRow>
              <FormRow label="Then synchronize it through">
                <select className="select" value={newObject.mappingId} onChange={(ev) => setNewObject({ mappingId: ev.target.value })}>
                  <option value="">Choose a mapping…</option>
                  {mappings
                    .filter((d) => !newObject.salesforceObject || d.salesforceObject === newObject.salesforceObject)
                    .map((d) => (
                      <option key={d.id} value={d.id}>
                        {d.name}
                      </option>
                    ))}
                </select>
              </FormRow>
            </div>
            <h4>Field values of the new object</h4>
            {values.map((v, i) => (
              <div key={i} className="criterion-row" aria-label={`Field value ${i + 1}`} data-part={`target.newObject.values[${i}]`}>
                <FieldSelect label={`Field ${i + 1} of the new object`} fields={newObjectInfo?.fields ?? []} filter={(f) => f.createable} value={v.field} onChange={(f) => setValue(i, { field: f })} />
                <span>from</span>
                <select className="select" aria-label={`Source of field ${i + 1}`} value={v.source} onChange={(ev) => setValue(i, { source: ev.target.value === "constant" ? "constant" : "source_field", value: "" })}>
                  <option value="source_field">the triggering record's field</option>
                  <option value="constant">the constant</option>
                </select>
                {v.source === "source_field" ? (
                  <FieldSelect label={`Source field ${i + 1}`} fields={trigger?.fields ?? []} value={v.value} onChange={(f) => setValue(i, { value: f })} />
                ) : (
                  <input className="input" aria-label={`Constant ${i + 1}`} value={v.value} onChange={(ev) => setValue(i, { value: ev.target.value })} />
                )}
                <button type="button" className="button button--ghost button--danger" onClick={() => setNewObject({ values: values.filter((_, j) => j !== i) })}>
                  Remove
                </button>
                <Problems problems={problemsAt(problems, `target.newObject.values[${i}]`)} />
              </div>
            ))}
            <button type="button" className="button button--ghost" onClick={() => setNewObject({ values: [...values, { field: "", source: "source_field", value: "" }] })}>
              Add field value
            </button>
          </div>
        ) : (
          <FormRow label="Mapping" part="target" problems={at("target")}>
            <select className="select" value={e.target.mappingId ?? ""} onChange={(ev) => patch({ target: { ...e.target, mappingId: ev.target.value } })}>
              <option value="">Choose a mapping…</option>
              {mappings
                .filter((d) => !e.triggeringObject || (side === "salesforce" ? d.salesforceObject === e.triggeringObject : d.clarizenEntity === e.triggeringObject))
                .map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
            </select>
          </FormRow>
        )}
      </section>

      {side === "salesforce" ? (
        <section className="card editor__section" aria-label="Related Salesforce objects">
          <h3>Related Salesforce objects</h3>
          <p className="form-help">Records related to the triggering record sync too, such as an opportunity's products as sub-projects.</p>
          {related.map((r, i) => (
            <div key={r.id} className="subcard" aria-label={`Related records ${i + 1}`} data-part={`relatedObjects[${i}]`}>
              <div className="form-grid">
                <FormRow label="Relationship">
                  <select
                    className="select"
                    value={r.relationship}
                    onChange={(ev) => {
                      const rel = children.data?.find((c) => c.name === ev.target.value);
                      setRelated(i, { relationship: ev.target.value, object: rel?.object ?? r.object, parentField: rel?.field ?? r.parentField });
                    }}
                  >
                    <option value="">Choose…</option>
                    {r.relationship && !children.data?.some((c) => c.name === r.relationship) ? <option value={r.relationship}>{r.relationship}</option> : null}
                    {(children.data ?? []).map((c) => (
                      <option key={c.name} value={c.name}>
                        {c.name} ({c.object})
                      </option>
                    ))}
                  </select>
                </FormRow>
                <FormRow label="Mapping">
                  <select className="select" value={r.mappingId} onChange={(ev) => setRelated(i, { mappingId: ev.target.value })}>
                    <option value="">Choose a mapping…</option>
                    {mappings
                      .filter((d) => !r.object || d.salesforceObject === r.object)
                      .map((d) => (
                        <option key={d.id} value={d.id}>
                          {d.name}
                        </option>
                      ))}
                  </select>
                </FormRow>
                <FormRow label="As sub-projects of the new Clarizen object">
                  <input type="checkbox" checked={r.asSubProjects ?? false} onChange={(ev) => setRelated(i, { asSubProjects: ev.target.checked })} />
                </FormRow>
                <FormRow label="Only related records where (optional)">
                  <input className="input mono" value={r.condition ?? ""} onChange={(ev) => setRelated(i, { condition: ev.target.value })} />
                </FormRow>
              </div>
              <Problems problems={problemsAt(problems, `relatedObjects[${i}]`)} />
              <button type="button" className="button button--ghost button--danger" onClick={() => patch({ relatedObjects: related.filter((_, j) => j !== i) })}>
                Remove
              </button>
            </div>
          ))}
          <button
            type="button"
            className="button"
            disabled={!e.triggeringObject}
            onClick={() => patch({ relatedObjects: [...related, { id: newId("related"), relationship: "", object: "", parentField: "", mappingId: "" }] })}
          >
            Add related records
          </button>
        </section>
      ) : null}
    </div>
  );
}
