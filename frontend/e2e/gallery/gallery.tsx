// A page of Liaison's components fed with the test fixtures, so the
// end-to-end tests can check them in a real browser with real layout. It is
// built only for those tests and never ships in the app.
import { StrictMode, useState, type ReactNode } from "react";
import { createRoot } from "react-dom/client";
import type { FieldMapping, Plan, RegistryRow, RegistryState, RunProgress } from "../../src/api/types";
import { ConditionBuilder } from "../../src/components/condition/ConditionBuilder";
import { FieldMappingEditor } from "../../src/components/fieldmap/FieldMappingEditor";
import { applyChange } from "../../src/components/fieldmap/model";
import { ProjectPreview } from "../../src/components/gantt/ProjectPreview";
import { PlanPreview } from "../../src/components/plan/PlanPreview";
import { RunProgressBar } from "../../src/components/progress/RunProgressBar";
import { RegistryTable } from "../../src/components/registry/RegistryTable";
import { compatibility, operators, opportunity, project } from "../../src/test/fixtures/objects";
import data from "../../src/test/fixtures/jsgantt/data.json";
import data255 from "../../src/test/fixtures/jsgantt/data255.json";
import dataMultiyear from "../../src/test/fixtures/jsgantt/data-multiyear.json";
import { planFromJsGantt, type JsGanttRow } from "../../src/test/jsgantt";
import "../../src/styles/app.css";

/** The last change or callback of the shown component, for the tests to read. */
function Output({ value }: { value: unknown }) {
  return (
    <pre data-testid="output" className="code">
      {JSON.stringify(value)}
    </pre>
  );
}

function FieldMapDemo() {
  const [mapping, setMapping] = useState<FieldMapping>({ salesforceObject: "Opportunity", clarizenEntity: "Project", fieldMaps: [] });
  return (
    <FieldMappingEditor
      mapping={mapping}
      salesforceObject={opportunity}
      clarizenObject={project}
      compatibility={compatibility}
      onChange={(change) => setMapping((m) => applyChange(m, change))}
    />
  );
}

function ConditionDemo() {
  const [text, setText] = useState("");
  return (
    <>
      <ConditionBuilder fields={opportunity.fields} operators={operators} onChange={(t) => setText(t)} />
      <Output value={text} />
    </>
  );
}

const states: RegistryState[] = ["Success", "Success", "Pending", "Failed"];

function registryRows(n: number): RegistryRow[] {
  const start = Date.UTC(2026, 0, 1, 12);
  return Array.from({ length: n }, (_, i) => ({
    id: `r${i}`,
    time: new Date(start + i * 60_000).toISOString(),
    state: states[i % 4] as RegistryState,
    operation: i % 2 === 0 ? "create" : "update",
    mapping: i % 3 === 0 ? "Account → Customer" : "Project ⇄ Clarizen Project",
    side: "clarizen",
    object: i % 3 === 0 ? "Customer" : "Project",
    recordId: `a0B${String(i).padStart(12, "0")}`,
    recordName: `Record ${i}`,
    error: i % 4 === 3 ? "REQUIRED_FIELD_MISSING: Required fields are missing: [CloseDate]" : undefined,
    fields: [{ field: "Name", before: null, after: `Record ${i}` }],
  }));
}

function RegistryDemo() {
  const [rows] = useState(() => registryRows(100_000));
  const [last, setLast] = useState<unknown>(null);
  return (
    <div style={{ height: "640px" }}>
      <RegistryTable rows={rows} onRetry={(ids) => setLast({ retry: ids.length })} onExportCsv={(f) => setLast({ export: f })} />
      <Output value={last} />
    </div>
  );
}

const plan: Plan = {
  id: "p1",
  apiCalls: { salesforce: 4, clarizen: 2 },
  operations: [
    {
      id: "o1",
      kind: "create",
      side: "clarizen",
      object: "Project",
      recordName: "Burlington Textiles Weaving Plant",
      mapping: "Project ⇄ Clarizen Project",
      fields: [
        { field: "Name", before: null, after: "Burlington Textiles Weaving Plant" },
        { field: "Budget", before: null, after: "235000 USD" },
      ],
    },
    {
      id: "o2",
      kind: "update",
      side: "salesforce",
      object: "Account",
      recordName: "Edge Communications",
      mapping: "Account → Customer",
      fields: [{ field: "Phone", before: "(512) 757-6000", after: "(512) 757-9000" }],
      conflict: "Phone changed on both sides; the newer Clarizen value wins.",
    },
  ],
};

const progress: RunProgress = {
  runId: "run-1",
  phase: "apply",
  done: 120,
  total: 400,
  currentObject: "Opportunity",
  created: 80,
  updated: 35,
  deleted: 0,
  failed: 5,
  state: "running",
};

function Gantt({ name, rows }: { name: string; rows: JsGanttRow[] }) {
  const [opened, setOpened] = useState<string[]>([]);
  return (
    <>
      <ProjectPreview plan={planFromJsGantt(name, rows)} onOpenUrl={(u) => setOpened((o) => [...o, u])} />
      <Output value={opened} />
    </>
  );
}

const demos: Record<string, () => ReactNode> = {
  "gantt-data": () => <Gantt name="data.json" rows={data as JsGanttRow[]} />,
  "gantt-data255": () => <Gantt name="data255.json" rows={data255 as JsGanttRow[]} />,
  "gantt-multiyear": () => <Gantt name="data-multiyear.json" rows={dataMultiyear as JsGanttRow[]} />,
  fieldmap: () => <FieldMapDemo />,
  condition: () => <ConditionDemo />,
  registry: () => <RegistryDemo />,
  plan: () => <PlanPreview plan={plan} onApply={() => undefined} onDiscard={() => undefined} />,
  progress: () => (
    <div className="screen-stack">
      <RunProgressBar progress={progress} onCancel={() => undefined} />
      <RunProgressBar progress={{ ...progress, done: 400, state: "succeeded" }} onCancel={() => undefined} />
    </div>
  ),
};

function Gallery() {
  const id = window.location.hash.slice(1);
  const demo = demos[id];
  return <div className="page-body">{demo ? demo() : <p>Unknown demo {id}</p>}</div>;
}

createRoot(document.getElementById("root") as HTMLElement).render(
  <StrictMode>
    <Gallery />
  </StrictMode>,
);
