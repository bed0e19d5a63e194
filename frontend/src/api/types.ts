// Data shapes the frontend exchanges with the Go app layer. They mirror the
// JSON tags of the Go DTOs and of the engine's plain-data types: times are
// RFC 3339 strings, field kinds are the engine's schema kinds, and enum
// values are the engine's own spellings.

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
  nillable?: boolean;
  calculated?: boolean;
  externalId?: boolean;
  unique?: boolean;
  custom?: boolean;
  picklist?: PicklistValue[];
  referenceTo?: string[];
  relationshipName?: string;
}

/** An object type with its fields, from a live describe. */
export interface ObjectInfo {
  name: string;
  label: string;
  custom: boolean;
  templatable?: boolean;
  feedEnabled?: boolean;
  createable?: boolean;
  updateable?: boolean;
  fields: FieldInfo[];
}

/** An object type in a picker. */
export interface ObjectSummary {
  name: string;
  label: string;
  custom: boolean;
}

/** A way from an object to related records. */
export interface Relationship {
  name: string;
  label: string;
  object: string;
  field?: string;
}

/** One entry of the engine's compatibility table: values of kind from may be written into a field of kind to. */
export interface Compatibility {
  from: FieldKind;
  to: FieldKind;
  note?: string;
  needsMapping?: boolean;
}

/** The engine's table of kind pairs a field map may connect; pairs not listed are incompatible. */
export type CompatibilityTable = Compatibility[];

/** Condition operators the engine allows for each field kind, in display order. */
export type OperatorTable = Record<FieldKind, string[]>;

/** Which way a field map copies values. */
export type Direction = "to_clarizen" | "from_clarizen";

/** When a field map applies: on create, on later syncs, or both. */
export type EventType = "create_only" | "sync_only" | "create_and_sync";

/** One row of a mapping's field maps. */
export interface FieldMap {
  id: string;
  enabled: boolean;
  direction: Direction;
  salesforceField: string;
  clarizenField: string;
  eventType: EventType;
  valueMap?: Record<string, string>;
  truncate?: boolean;
}

/** The part of a mapping that the field-mapping editor edits. */
export interface FieldMapping {
  salesforceObject: string;
  clarizenEntity: string;
  fieldMaps: FieldMap[];
}

export type CreatePolicy = "create" | "leave_empty";
export type DeletePolicy = "delete_counterpart" | "retain";
export type ConflictRule = "newest_wins" | "salesforce_wins" | "clarizen_wins";
export type Logic = "and" | "or";
export type LinkMethod = "source_field" | "identified_by";
export type ValueSource = "constant" | "source_field";

/** A rule that picks the Clarizen template of a new object. */
export interface TemplateRule {
  template: string;
  criteria: string[];
  logic: Logic;
}

/** One identified-by test of a Clarizen link. */
export interface Criterion {
  field: string;
  valueType: ValueSource;
  value: string;
}

/** A link made after create between the mapped Clarizen object and another one. */
export interface ClarizenLink {
  id: string;
  linkEntity: string;
  entityField: string;
  linkedField: string;
  linkedEntity: string;
  method: LinkMethod;
  sourceField?: string;
  mappingId?: string;
  identifiedBy?: Criterion[];
}

/** Related Clarizen objects mapped through their own mapping. */
export interface RelatedObject {
  id: string;
  relatedEntity: string;
  relationship: string;
  condition?: string;
  salesforceObject: string;
  mappingId: string;
  parentLinkField: string;
}

/** A mapping with every property (engine/mapping.Mapping). */
export interface Mapping {
  id: string;
  name: string;
  description?: string;
  clarizenInstance: number;
  clarizenEntity: string;
  salesforceObject: string;
  clarizenKeyField: string;
  salesforceKeyField: string;
  createPolicy: CreatePolicy | string;
  deletePolicy: DeletePolicy | string;
  templateRules?: TemplateRule[];
  socialSync: boolean;
  fieldMaps?: FieldMap[];
  links?: ClarizenLink[];
  relatedObjects?: RelatedObject[];
  conflictRule: ConflictRule | string;
  enabled: boolean;
}

export type TargetKind = "entity_mapping" | "create_and_sync" | "salesforce_mapping";

/** A field of a new object set from a constant or a source field. */
export interface EventFieldValue {
  field: string;
  source: ValueSource;
  value: string;
}

/** The Salesforce object an event creates before it syncs it. */
export interface NewObject {
  salesforceObject: string;
  values?: EventFieldValue[];
  sourceLinkField: string;
  mappingId: string;
}

export interface EventTarget {
  kind: TargetKind | string;
  mappingId?: string;
  newObject?: NewObject;
}

/** Records related to the triggering record that sync too. */
export interface RelatedSalesforceObject {
  id: string;
  relationship: string;
  object: string;
  parentField: string;
  condition?: string;
  mappingId: string;
  asSubProjects?: boolean;
}

/** An event (engine/mapping.Event). */
export interface LiaisonEvent {
  id: string;
  name: string;
  useCase?: string;
  description?: string;
  clarizenInstance: number;
  triggeredBy: Side | string;
  triggeringObject: string;
  condition?: string;
  target: EventTarget;
  relatedObjects?: RelatedSalesforceObject[];
  enabled: boolean;
  fireExisting: boolean;
}

/** A validation problem the engine found; fieldMapId, side+field or part place it. */
export interface Problem {
  code: string;
  message: string;
  severity?: "error" | "warning" | string;
  fix?: string;
  fieldMapId?: string;
  side?: Side | string;
  object?: string;
  field?: string;
  /** The part of the definition outside the field maps: "templateRules[0]", "links[1]", "target", ... */
  part?: string;
}

/** A problem the engine found in condition text. */
export interface ConditionProblem {
  /** 1-based character position in the condition text; 0 when the problem is not at one place. */
  column: number;
  field?: string;
  message: string;
  fix?: string;
}

/** A condition parsed by the engine into the builder's tree. */
export interface ConditionTreeNode {
  type: string;
  join?: string;
  negated?: boolean;
  children?: ConditionTreeNode[];
  field?: string;
  op?: string;
  value?: string;
}

/** State of a sync registry row. */
export type RegistryState = "Pending" | "Success" | "Failed";

/** Kind of operation in a plan or a registry row. */
export type OperationKind = "create" | "update" | "delete" | "link" | "post";

/** One field value before and after an operation; null is an empty value, apart from the empty string. */
export interface FieldChange {
  field: string;
  label?: string;
  before: string | null;
  after: string | null;
  conflict?: string;
}

/** One row of the sync registry. */
export interface RegistryRow {
  id: string;
  runId?: number;
  /** RFC 3339 time of the row's last change. */
  time: string;
  state: RegistryState;
  operation: OperationKind | string;
  mappingId?: string;
  mapping: string;
  eventId?: string;
  /** Target side of the operation. */
  side: Side;
  /** Object type on the target side, such as "Project" or "Opportunity". */
  object: string;
  recordId: string;
  recordName: string;
  /** The record's readable name the sync stored (Name, Subject, Title, a linked pair's names); empty when unknown. */
  label?: string;
  salesforceId?: string;
  clarizenId?: string;
  errorCode?: string;
  error?: string;
  attempts?: number;
}

/** A registry row with its field values and the whole error. */
export interface RegistryDetail {
  row: RegistryRow;
  fields: FieldChange[];
  errorClass?: string;
  hint?: string;
  createdAt: string;
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
  id: number;
  kind: OperationKind | string;
  side: Side;
  connection: string;
  object: string;
  recordId?: string;
  recordName: string;
  /** The record's readable name on either side (Name, Subject, Title, a linked pair's names); empty when unknown. */
  label?: string;
  mappingId?: string;
  mapping: string;
  eventId?: string;
  template?: string;
  reason: string;
  fields: FieldChange[];
  warnings: string[];
}

/** Operations a plan holds for one mapping. */
export interface MappingPlan {
  mappingId: string;
  name: string;
  creates: number;
  updates: number;
  deletes: number;
  links: number;
  conflicts: number;
}

/** A mapping whose deletions the delete guard held back: one run would delete more than maxPercent of its links. */
export interface HeldDeletes {
  mappingId: string;
  name: string;
  /** The deletions held; confirming takes this number. */
  deletes: number;
  links: number;
  percent: number;
  maxPercent: number;
}

/** A mapping or event that a run left out because it failed to plan. */
export interface SkippedDefinition {
  kind: "mapping" | "event" | string;
  id: string;
  name: string;
  error: string;
}

/** The plan of a run: what applying it would write, and the API calls it spends per connection. */
export interface Plan {
  id: string;
  createdAt: string;
  operations: PlannedOperation[];
  mappings: MappingPlan[];
  apiCalls: Record<string, number>;
  reads: Record<string, number>;
  warnings: string[];
  paused: string[];
  heldDeletes?: HeldDeletes[];
  skipped?: SkippedDefinition[];
  /** Mappings whose new posts and comments a manual run copies after applying; the plan does not list them. */
  social?: SocialEstimate[];
}

/** A mapping whose posts and comments are copied after the plan applies (syncer.SocialEstimate). */
export interface SocialEstimate {
  mappingId: string;
  name: string;
  /** Linked records whose feeds the copy reads. */
  records: number;
  /** The minimum number of API calls the copy makes, per connection. */
  minCalls: Record<string, number>;
}

/** One mapping's line of a run summary. */
export interface MappingSummary {
  mappingId: string;
  name: string;
  created: number;
  updated: number;
  deleted: number;
  /** Links made by a write: a record created or updated for the pair. */
  linked: number;
  unlinked: number;
  /** Pairs found by key fields and linked without a write. */
  matched: number;
  failed: number;
  conflicts: number;
  apiCalls: number;
}

/** A run's outcome. */
export interface RunSummary {
  runId: number;
  trigger?: string;
  dryRun: boolean;
  status: "succeeded" | "failed" | "stopped" | "cancelled" | string;
  startedAt: string;
  finishedAt: string;
  stopReason?: string;
  mappings: MappingSummary[];
  apiCalls: Record<string, number>;
  pending: number;
  salesforceBudget?: { used: number; max: number };
  warnings: string[];
  heldDeletes?: HeldDeletes[];
  skipped?: SkippedDefinition[];
}

/** The result of applying a previewed plan. */
export interface ApplyOutcome {
  summary: RunSummary;
  replanned: boolean;
  reason?: string;
}

/** Phase of a run, as the engine reports it. */
export type RunPhase = "resume" | "detect" | "plan" | "apply" | "done";

/** The payload of run.progress events. */
export interface RunProgressReport {
  runId: number;
  phase: RunPhase;
  mapping?: string;
  object?: string;
  read: number;
  done: number;
  total: number;
  created: number;
  updated: number;
  deleted: number;
  failed: number;
}

/** A run as the progress bar shows it: the latest report while it runs, the summary once it ended. */
export interface RunView {
  runId: number;
  trigger: string;
  progress: RunProgressReport;
  summary?: RunSummary;
}

/** The sync schedule. */
export interface ScheduleView {
  dailyTimes: string[];
  paused: boolean;
  nextDaily: string;
  running: string;
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

/** A Clarizen project linked to a Salesforce record. */
export interface LinkedProject {
  mappingId: string;
  mapping: string;
  connection: string;
  projectId: string;
  name: string;
  salesforceObject: string;
  salesforceId: string;
  /** The Clarizen id of the parent project, in the form of projectId, when this is a sub-project. */
  parentId?: string;
}

/** Log level of the log file. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** The settings of the Settings screen (engine.Settings). */
export interface Settings {
  dataDir: string;
  logLevel: LogLevel | string;
  conflictRule: ConflictRule | string;
  /** Share of the daily Salesforce API budget kept unused, in percent. */
  budgetReservePercent: number;
  /** Up to two HH:MM times of the daily sync. */
  dailyTimes: string[];
  socialIntervalMinutes: number;
  clientId: string;
  /** True when the host fixed the consumer key (the demo); clientId is then the key in effect, and a save ignores it. */
  clientIdFixed?: boolean;
}

/** What the Go side reports about the running app. */
export interface AppInfo {
  version: string;
  dataDir: string;
  hasWindow: boolean;
}

/** One connection's health (engine/connect.Status). */
export interface ConnectionStatus {
  id: "salesforce" | "clarizen1" | "clarizen2" | string;
  system: Side | string;
  environment: string;
  state: "connected" | "needs_reauth" | "unreachable" | "disconnected" | "org_changed" | string;
  stateDetail?: string;
  authMethod?: string;
  loginUrl?: string;
  instanceUrl?: string;
  appUrl?: string;
  dataCenter?: string;
  orgId?: string;
  userId?: string;
  username?: string;
  isSandbox: boolean;
  apiUsed: number;
  apiMax: number;
  apiRemaining: number;
  lastSyncedAt?: string;
}

/** A re-authentication that reached another Salesforce org than the links were made with. */
export interface OrgChange {
  previousOrgId: string;
  currentOrgId: string;
  links: number;
}

/** The demo workspace's simulated logins. */
export interface DemoInfo {
  salesforce: { username: string; password: string };
  clarizen: { instance: number; environment: string; userName: string; password: string; apiKey: string }[];
}

export interface ConnectionsView {
  connections: ConnectionStatus[];
  orgChange?: OrgChange;
  demo?: DemoInfo;
}

export interface SalesforceLogin {
  environment: "production" | "sandbox" | "mydomain";
  myDomainUrl?: string;
}

export interface SalesforceIdentity {
  environment: string;
  loginUrl: string;
  instanceUrl: string;
  orgId: string;
  orgName: string;
  isSandbox: boolean;
  userId: string;
  username: string;
  displayName: string;
  email: string;
  orgChange?: OrgChange;
}

export interface ClarizenLogin {
  connectionId: string;
  environment: "production" | "sandbox";
  userName?: string;
  password?: string;
  apiKey?: string;
}

export interface ClarizenIdentity {
  connectionId: string;
  environment: string;
  authMethod: string;
  serverLocation: string;
  appLocation: string;
  dataCenter: string;
  organizationId: string;
  userId: string;
  userName?: string;
  licenseType?: string;
}

export interface RematchResult {
  decision: string;
  kept: number;
  dropped: number;
}

/** Custom objects and fields the Salesforce org lacks for the package. */
export interface SchemaGap {
  object: string;
  objectMissing: boolean;
  fields: string[];
}

export interface PackageStatus {
  instance: number;
  installedVersion: number;
  availableVersion: number;
  missing: SchemaGap[];
}

export interface SchemaCreation {
  created: string[];
  remaining: SchemaGap[];
}

/** One line of the package's diff. */
export interface PackageChange {
  kind: string;
  id: string;
  name: string;
  path?: string;
  action: "add" | "update" | "remove" | "keep" | "retire" | string;
  installed?: unknown;
  current?: unknown;
  new?: unknown;
  note?: string;
}

export interface PackagePlan {
  id: string;
  instance: number;
  fromVersion: number;
  toVersion: number;
  changes: PackageChange[];
  empty: boolean;
}

export interface PackageResult {
  fromVersion: number;
  toVersion: number;
  mappings: string[];
  events: string[];
  disabled?: { kind: string; id: string; problems: Problem[] }[];
}

/** One line of the Mappings & Events list. */
export interface DefinitionRow {
  kind: "mapping" | "event";
  id: string;
  name: string;
  description: string;
  clarizenInstance: number;
  salesforceObject: string;
  clarizenEntity: string;
  triggeredBy?: string;
  enabled: boolean;
  state?: string;
  lastResult: string;
  packageItem?: string;
  updatedAt: string;
}

export interface EnableOutcome {
  enabled: boolean;
  problems: Problem[];
  matching: number;
  fireExisting: boolean;
}

export interface TransferResult {
  path: string;
  mappings: number;
  events: number;
}

export interface ExportResult {
  path: string;
  rows: number;
}

/** An engine event as the window receives it. */
export interface WindowEvent<T = unknown> {
  seq: number;
  type: string;
  time: string;
  data: T;
}

export interface EventBatch {
  events: WindowEvent[];
  complete: boolean;
  lastSeq: number;
}

/** An error returned by a bound method (app.ErrorPayload). */
export class ApiError extends Error {
  readonly code: string;
  readonly hint: string;
  readonly details: Record<string, string>;

  constructor(code: string, message: string, hint = "", details: Record<string, string> = {}) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.hint = hint;
    this.details = details;
  }
}

/** A mapping or event that uses a connection, listed before a disconnect (app.Dependent). */
export interface Dependent {
  kind: "mapping" | "event" | string;
  id: string;
  name: string;
  enabled: boolean;
}

export interface ConnectionsApi {
  view(): Promise<ConnectionsView>;
  check(): Promise<ConnectionsView>;
  connectSalesforce(login: SalesforceLogin): Promise<SalesforceIdentity>;
  reauthenticateSalesforce(): Promise<SalesforceIdentity>;
  completePasted(pasted: string): Promise<SalesforceIdentity>;
  cancelLogin(): Promise<void>;
  resolveOrgChange(decision: "rematch" | "reset"): Promise<RematchResult>;
  connectClarizen(login: ClarizenLogin): Promise<ClarizenIdentity>;
  disconnect(id: string): Promise<void>;
  /** The mappings and events that use connection id; disconnecting it pauses the enabled ones. */
  dependents(id: string): Promise<Dependent[]>;
}

export interface PackageApi {
  status(instance: number): Promise<PackageStatus>;
  createMissing(): Promise<SchemaCreation>;
  plan(instance: number): Promise<PackagePlan>;
  apply(planId: string): Promise<PackageResult>;
  discard(planId: string): Promise<void>;
}

export interface DefinitionsApi {
  list(): Promise<DefinitionRow[]>;
  mapping(id: string): Promise<Mapping>;
  event(id: string): Promise<LiaisonEvent>;
  newMapping(instance: number): Promise<Mapping>;
  saveMapping(m: Mapping): Promise<Mapping>;
  saveEvent(e: LiaisonEvent): Promise<LiaisonEvent>;
  validateMapping(m: Mapping): Promise<Problem[]>;
  validateEvent(e: LiaisonEvent): Promise<Problem[]>;
  enableMapping(id: string): Promise<EnableOutcome>;
  disableMapping(id: string): Promise<void>;
  countMatching(id: string): Promise<number>;
  enableEvent(id: string, fireExisting: boolean): Promise<EnableOutcome>;
  disableEvent(id: string): Promise<void>;
  remove(kind: "mapping" | "event", id: string): Promise<void>;
  exportFile(): Promise<TransferResult>;
  importFile(replace: boolean): Promise<TransferResult>;
}

export interface SchemaApi {
  salesforceObjects(): Promise<ObjectSummary[]>;
  clarizenEntities(instance: number): Promise<ObjectSummary[]>;
  describeSalesforce(object: string): Promise<ObjectInfo>;
  describeClarizen(instance: number, entity: string): Promise<ObjectInfo>;
  clarizenTemplates(instance: number, entity: string): Promise<string[]>;
  clarizenRelations(instance: number, entity: string): Promise<Relationship[]>;
  salesforceChildRelationships(object: string): Promise<Relationship[]>;
  fieldCompatibility(): Promise<CompatibilityTable>;
  conditionOperators(): Promise<OperatorTable>;
  validateCondition(side: Side, instance: number, object: string, text: string): Promise<ConditionProblem[]>;
  conditionTree(text: string): Promise<ConditionTreeNode>;
}

export interface RunsApi {
  syncNow(mappingIds: string[]): Promise<void>;
  preview(mappingIds: string[]): Promise<Plan>;
  apply(planId: string): Promise<ApplyOutcome>;
  discard(planId: string): Promise<void>;
  cancel(): Promise<void>;
  /** Lets the next run of the mapping delete up to deletes records the delete guard held back. */
  confirmDeletes(mappingId: string, deletes: number): Promise<void>;
  schedule(): Promise<ScheduleView>;
  saveSchedule(times: string[]): Promise<ScheduleView>;
  pauseSchedule(): Promise<ScheduleView>;
  resumeSchedule(): Promise<ScheduleView>;
  history(limit: number): Promise<RunSummary[]>;
}

export interface RegistryQuery {
  states: string[];
  mappingId: string;
  object: string;
  from: string;
  to: string;
  text: string;
  limit: number;
}

export interface RegistryApi {
  rows(query: RegistryQuery): Promise<{ rows: RegistryRow[]; total: number }>;
  row(id: string): Promise<RegistryDetail>;
  retry(ids: string[]): Promise<number>;
  exportCsv(query: RegistryQuery): Promise<ExportResult>;
}

export interface ProjectsApi {
  linked(): Promise<LinkedProject[]>;
  plan(connection: string, projectId: string, salesforceObject: string, salesforceId: string): Promise<ProjectPlan>;
}

export interface SettingsApi {
  get(): Promise<Settings>;
  save(s: Settings): Promise<Settings>;
}

/** Status of one step of the demo's setup. "waiting" means it waits for the user (the Salesforce login). */
export type DemoStepStatus = "pending" | "running" | "waiting" | "done" | "failed";

/** One step of the demo's setup: connections, package install, first sync. */
export interface DemoSetupStep {
  id: string;
  title: string;
  status: DemoStepStatus | string;
  /** The outcome of a finished step, or the error of a failed one. */
  detail?: string;
}

/** The newest simulated Salesforce login page the demo showed, with the simulator's login. */
export interface DemoLoginPage {
  url: string;
  username: string;
  password: string;
  /** True when the system browser shows the page; false when it was only printed or the browser failed. */
  opened: boolean;
  /** Why the system browser did not open the page. */
  browserError?: string;
}

/** Progress of the setup that the desktop demo runs behind the window (event "demo.setup"). */
export interface DemoSetupState {
  /** Grows with every change; a state with a lower seq than the one shown is older. */
  seq: number;
  status: "idle" | "running" | "done" | "failed" | string;
  steps: DemoSetupStep[];
  loginPage?: DemoLoginPage;
  error?: string;
}

export interface DemoApi {
  /** The setup's state; idle with no steps outside the demo. */
  setup(): Promise<DemoSetupState>;
  /** Logs in on the waiting simulated Salesforce login page and approves access. */
  signInForMe(): Promise<void>;
  /** Starts a failed setup again from the failed step. */
  retrySetup(): Promise<void>;
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
  eventsSince(seq: number): Promise<EventBatch>;
  connections: ConnectionsApi;
  package: PackageApi;
  definitions: DefinitionsApi;
  schema: SchemaApi;
  runs: RunsApi;
  registry: RegistryApi;
  projects: ProjectsApi;
  settings: SettingsApi;
  demo: DemoApi;
}
