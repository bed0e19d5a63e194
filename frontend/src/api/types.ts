// Data shapes the frontend exchanges with the Go app layer. They mirror the
// JSON tags of the Go DTOs: times are RFC 3339 strings, field kinds are the
// engine's schema kinds.

/** One of the two systems Liaison keeps in sync. */
export type Side = "salesforce" | "clarizen";

/** A field kind of the engine's type system ("string", "currency", "picklist", ...). */
export type FieldKind = string;

/** One allowed value of a picklist field. */
export interface PicklistValue {
  value: string;
  label: string;
  active: boolean;
  default: boolean;
}

/** A field as the engine describes it (engine/schema.Field). */
export interface FieldInfo {
  name: string;
  label: string;
  kind: FieldKind;
  /** The type name the remote API uses, such as "currency" or "Money". */
  nativeType: string;
  length?: number;
  createable: boolean;
  updateable: boolean;
  required: boolean;
  picklist?: PicklistValue[];
}

/** An object type with its fields (engine/schema.Object). */
export interface ObjectInfo {
  name: string;
  label: string;
  custom: boolean;
  fields: FieldInfo[];
}

/**
 * Field kinds that may be mapped to each other, as the engine defines them:
 * for each Salesforce kind, the Clarizen kinds it may be paired with. The
 * frontend never keeps its own copy.
 */
export type CompatibilityTable = Record<FieldKind, FieldKind[]>;

/** Condition operators the engine allows for each field kind, in display order. */
export type OperatorTable = Record<FieldKind, string[]>;

/** Which way a field map copies values. */
export type Direction = "toClarizen" | "fromClarizen";

/** When a field map applies: on create, on later syncs, or both. */
export type EventType = "create" | "sync" | "createAndSync";

/** One row of a mapping's field maps. */
export interface FieldMap {
  id: string;
  enabled: boolean;
  direction: Direction;
  salesforceField: string;
  clarizenField: string;
  eventType: EventType;
}

/** The part of a mapping that the field-mapping editor edits. */
export interface FieldMapping {
  salesforceObject: string;
  clarizenEntity: string;
  fieldMaps: FieldMap[];
}

/** A validation problem the engine found; fieldMapId or side+field place it. */
export interface Problem {
  code: string;
  message: string;
  fieldMapId?: string;
  side?: Side;
  field?: string;
}

/** A problem the engine found in condition text. */
export interface ConditionProblem {
  /** 1-based character position in the condition text, when known. */
  column?: number;
  message: string;
  fix?: string;
}

/** State of a sync registry row. */
export type RegistryState = "Pending" | "Success" | "Failed";

/** Kind of operation in a plan or a registry row. */
export type OperationKind = "create" | "update" | "delete" | "link" | "post";

/** One field value before and after an operation. */
export interface FieldChange {
  field: string;
  label?: string;
  before: string | null;
  after: string | null;
}

/** One row of the sync registry. */
export interface RegistryRow {
  id: string;
  /** RFC 3339 time of the operation. */
  time: string;
  state: RegistryState;
  operation: OperationKind;
  mapping: string;
  /** Target side of the operation. */
  side: Side;
  /** Object type on the target side, such as "Project" or "Opportunity". */
  object: string;
  recordId: string;
  recordName: string;
  error?: string;
  fields?: FieldChange[];
}

/** Filter of the registry table; empty strings and arrays match everything. */
export interface RegistryFilter {
  states: RegistryState[];
  mapping: string;
  object: string;
  /** Inclusive dates, YYYY-MM-DD. */
  from: string;
  to: string;
  text: string;
}

/** One operation of a run's plan. */
export interface PlannedOperation {
  id: string;
  kind: OperationKind;
  side: Side;
  object: string;
  recordId?: string;
  recordName: string;
  mapping: string;
  fields: FieldChange[];
  /** A conflict the mapping's rule resolved, shown to the admin. */
  conflict?: string;
}

/** The plan of a run: what applying it would write, and the API calls it spends. */
export interface Plan {
  id: string;
  operations: PlannedOperation[];
  apiCalls: { salesforce: number; clarizen: number };
}

/** Phase of a run. */
export type RunPhase = "detect" | "plan" | "apply" | "finish";

/** Progress of a run, sent as an event while it runs. */
export interface RunProgress {
  runId: string;
  phase: RunPhase;
  done: number;
  total: number;
  currentObject?: string;
  created: number;
  updated: number;
  deleted: number;
  failed: number;
  state: "running" | "succeeded" | "failed" | "cancelled";
  /** Set when the run ended early, such as when the API budget reserve was reached. */
  message?: string;
}

/** The kind of a work item in a project preview. */
export type WorkItemKind = "project" | "phase" | "task" | "milestone";

/** A link between two work items; type is the Clarizen link type. */
export interface Dependency {
  predecessorId: string;
  type: "FS" | "SS" | "FF" | "SF";
}

/** One work item of a Clarizen project's work plan. */
export interface WorkItem {
  id: string;
  name: string;
  kind: WorkItemKind;
  parentId?: string;
  /** YYYY-MM-DD, or absent when the item has no dates yet. */
  start?: string;
  end?: string;
  /** Percent complete, 0 to 100. */
  progress: number;
  dependencies: Dependency[];
}

/** A linked project's work plan with the addresses of its records. */
export interface ProjectPlan {
  projectId: string;
  name: string;
  items: WorkItem[];
  clarizenUrl?: string;
  salesforceUrl?: string;
}

/** Log level of the log file. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** Default rule for a field changed on both sides since the last sync. */
export type ConflictRule = "newestWins" | "salesforceWins" | "clarizenWins";

/** The settings of the Settings screen. */
export interface Settings {
  dataDir: string;
  logLevel: LogLevel;
  conflictRule: ConflictRule;
  /** Share of the daily Salesforce API budget kept unused, in percent. */
  apiBudgetReservePercent: number;
}

/** What the Go side reports about the running app. */
export interface AppInfo {
  version: string;
  dataDir: string;
  hasWindow: boolean;
}

/** An error returned by a bound method (app.ErrorPayload). */
export class ApiError extends Error {
  readonly code: string;
  readonly hint: string;

  constructor(code: string, message: string, hint = "") {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.hint = hint;
  }
}

/** Everything the screens ask of the Go side. Only src/api implements it. */
export interface LiaisonApi {
  ready(screen: string): Promise<void>;
  reportError(report: {
    kind: "error" | "rejection";
    message: string;
    source?: string;
    line?: number;
    column?: number;
    stack?: string;
  }): Promise<void>;
  info(): Promise<AppInfo>;
  openUrl(address: string): Promise<void>;
  chooseDirectory(title: string, current: string): Promise<string>;
  /** Subscribes to an event from the Go side and returns the unsubscribe function. */
  on<T>(event: string, handler: (data: T) => void): () => void;
}
