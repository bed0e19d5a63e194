// A page of Liaison's components fed with the test fixtures, so the
// end-to-end tests can check them in a real browser with real layout. It is
// built only for those tests and never ships in the app.
import { StrictMode, useState, type ReactNode } from "react";
import { createRoot } from "react-dom/client";
import type { FieldMapping, Plan, RegistryRow, RegistryState, RunView } from "../../src/api/types";
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
import "../../src/styles/screens.css";

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

const planBase = { connection: "clarizen1", reason: "The opportunity reached 70 %.", warnings: [] as string[] };

const plan: Plan = {
  id: "p1",
  createdAt: "2026-03-02T09:00:00Z",
  apiCalls: { salesforce: 4, clarizen1: 2 },
  reads: {},
  mappings: [],
  warnings: [],
  paused: [],
  operations: [
    {
      ...planBase,
      id: 1,
      kind: "create",
      side: "clarizen",
      object: "Project",
      recordName: "Burlington Textiles Weaving Plant",
      mapping: "Project ⇄ Clarizen Project",
      template: "Standard delivery",
      fields: [
        { field: "Name", before: null, after: "Burlington Textiles Weaving Plant" },
        { field: "Budget", before: null, after: "235000 USD" },
      ],
    },
    {
      ...planBase,
      connection: "salesforce",
      id: 2,
      kind: "update",
      side: "salesforce",
      object: "Account",
      recordName: "Edge Communications",
      mapping: "Account → Customer",
      fields: [
        { field: "Phone", before: "(512) 757-6000", after: "(512) 757-9000", conflict: "Changed on both sides; the newer Clarizen value wins." },
      ],
    },
  ],
};

const progress: RunView = {
  runId: 1,
  trigger: "manual",
  progress: { runId: 1, phase: "apply", read: 400, done: 120, total: 400, object: "Opportunity", created: 80, updated: 35, deleted: 0, failed: 5 },
};

const finished: RunView = {
  ...progress,
  summary: {
    runId: 1,
    dryRun: false,
    status: "succeeded",
    startedAt: "2026-03-02T09:00:00Z",
    finishedAt: "2026-03-02T09:01:00Z",
    mappings: [
      { mappingId: "m1", name: "Account → Customer", created: 80, updated: 35, deleted: 0, linked: 0, unlinked: 0, matched: 0, failed: 5, conflicts: 1, apiCalls: 12 },
    ],
    apiCalls: { salesforce: 8, clarizen1: 4 },
    pending: 0,
    warnings: [],
  },
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
      <RunProgressBar run={progress} onCancel={() => undefined} />
      <RunProgressBar run={finished} onCancel={() => undefined} />
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
