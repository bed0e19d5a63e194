// A LiaisonApi for component and screen tests: every call is recorded, and
// each returns an empty workspace unless the test overrides it. emit()
// delivers an event to the handlers the screens registered with on().
import type {
  ConnectionStatus,
  ConnectionsApi,
  DefinitionsApi,
  DemoApi,
  LiaisonApi,
  PackageApi,
  ProjectsApi,
  RegistryApi,
  RunsApi,
  SchemaApi,
  SettingsApi,
} from "../api/types";

export interface FakeApi extends LiaisonApi {
  /** Every call as "group.method arg1 arg2", in order. */
  calls: string[];
  /** Sends an event to the handlers registered under its name. */
  emit(name: string, data: unknown): void;
}

export interface FakeOverrides {
  base?: Partial<Pick<LiaisonApi, "ready" | "reportError" | "info" | "openUrl" | "chooseDirectory" | "eventsSince">>;
  connections?: Partial<ConnectionsApi>;
  package?: Partial<PackageApi>;
  definitions?: Partial<DefinitionsApi>;
  schema?: Partial<SchemaApi>;
  runs?: Partial<RunsApi>;
  registry?: Partial<RegistryApi>;
  projects?: Partial<ProjectsApi>;
  settings?: Partial<SettingsApi>;
  demo?: Partial<DemoApi>;
}

/** Returns a connection status in the given state. */
export function status(id: string, state: string, extra: Partial<ConnectionStatus> = {}): ConnectionStatus {
  return {
    id,
    system: id === "salesforce" ? "salesforce" : "clarizen",
    environment: "production",
    state,
    isSandbox: false,
    apiUsed: 0,
    apiMax: 0,
    apiRemaining: 0,
    ...extra,
  };
}

/** Wraps each method of group so that calls are recorded under prefix. */
function recorded<T extends object>(calls: string[], prefix: string, group: T): T {
  const out = {} as Record<string, unknown>;
  for (const [name, fn] of Object.entries(group)) {
    out[name] = (...args: unknown[]) => {
      calls.push([`${prefix}.${name}`, ...args.map((a) => (typeof a === "object" ? JSON.stringify(a) : String(a)))].join(" "));
      return (fn as (...a: unknown[]) => unknown)(...args);
    };
  }
  return out as T;
}

/** Builds a FakeApi over an empty, disconnected workspace with the given overrides. */
export function fakeApi(overrides: FakeOverrides = {}): FakeApi {
  const calls: string[] = [];
  const handlers = new Map<string, Set<(data: unknown) => void>>();
  const disconnected = [status("salesforce", "disconnected"), status("clarizen1", "disconnected"), status("clarizen2", "disconnected")];

  const connections: ConnectionsApi = {
    view: async () => ({ connections: disconnected }),
    check: async () => ({ connections: disconnected }),
    connectSalesforce: async () => {
      throw new Error("connectSalesforce is not set up in this test");
    },
    reauthenticateSalesforce: async () => {
      throw new Error("reauthenticateSalesforce is not set up in this test");
    },
    completePasted: async () => {
      throw new Error("completePasted is not set up in this test");
    },
    cancelLogin: async () => undefined,
    resolveOrgChange: async (decision) => ({ decision, kept: 0, dropped: 0 }),
    connectClarizen: async () => {
      throw new Error("connectClarizen is not set up in this test");
    },
    disconnect: async () => undefined,
    dependents: async () => [],
    ...overrides.connections,
  };
  const pkg: PackageApi = {
    status: async (instance) => ({ instance, installedVersion: 0, availableVersion: 1, missing: [] }),
    createMissing: async () => ({ created: [], remaining: [] }),
    plan: async (instance) => ({ id: "plan", instance, fromVersion: 0, toVersion: 1, changes: [], empty: true }),
    apply: async () => ({ fromVersion: 0, toVersion: 1, mappings: [], events: [] }),
    discard: async () => undefined,
    ...overrides.package,
  };
  const definitions: DefinitionsApi = {
    list: async () => [],
    mapping: async (id) => ({
      id,
      name: "",
      clarizenInstance: 1,
      clarizenEntity: "",
      salesforceObject: "",
      clarizenKeyField: "",
      salesforceKeyField: "",
      createPolicy: "create",
      deletePolicy: "retain",
      socialSync: false,
      conflictRule: "newest_wins",
      enabled: false,
    }),
    event: async () => {
      throw new Error("event is not set up in this test");
    },
    newMapping: async (instance) => ({
      id: "",
      name: "",
      clarizenInstance: instance,
      clarizenEntity: "",
      salesforceObject: "",
      clarizenKeyField: "",
      salesforceKeyField: "",
      createPolicy: "create",
      deletePolicy: "retain",
      socialSync: false,
      conflictRule: "newest_wins",
      enabled: false,
    }),
    saveMapping: async (m) => ({ ...m, id: m.id || "saved-id" }),
    saveEvent: async (e) => ({ ...e, id: e.id || "saved-event" }),
    validateMapping: async () => [],
    validateEvent: async () => [],
    enableMapping: async () => ({ enabled: true, problems: [], matching: 0, fireExisting: false }),
    disableMapping: async () => undefined,
    countMatching: async () => 0,
    enableEvent: async (_id, fireExisting) => ({ enabled: true, problems: [], matching: 0, fireExisting }),
    disableEvent: async () => undefined,
    remove: async () => undefined,
    exportFile: async () => ({ path: "", mappings: 0, events: 0 }),
    importFile: async () => ({ path: "", mappings: 0, events: 0 }),
    ...overrides.definitions,
  };
  const schema: SchemaApi = {
    salesforceObjects: async () => [],
    clarizenEntities: async () => [],
    describeSalesforce: async (name) => ({ name, label: name, custom: false, fields: [] }),
    describeClarizen: async (_i, name) => ({ name, label: name, custom: false, fields: [] }),
    clarizenTemplates: async () => [],
    clarizenRelations: async () => [],
    salesforceChildRelationships: async () => [],
    fieldCompatibility: async () => [],
    conditionOperators: async () => ({}),
    validateCondition: async () => [],
    conditionTree: async () => ({ type: "group", join: "AND", children: [] }),
    ...overrides.schema,
  };
  const runs: RunsApi = {
    syncNow: async () => undefined,
    preview: async () => ({ id: "p", createdAt: "", operations: [], mappings: [], apiCalls: {}, reads: {}, warnings: [], paused: [] }),
    apply: async () => {
      throw new Error("apply is not set up in this test");
    },
    discard: async () => undefined,
    cancel: async () => undefined,
    confirmDeletes: async () => undefined,
    schedule: async () => ({ dailyTimes: [], paused: false, nextDaily: "", running: "" }),
    saveSchedule: async (times) => ({ dailyTimes: times, paused: false, nextDaily: "", running: "" }),
    pauseSchedule: async () => ({ dailyTimes: [], paused: true, nextDaily: "", running: "" }),
    resumeSchedule: async () => ({ dailyTimes: [], paused: false, nextDaily: "", running: "" }),
    history: async () => [],
    ...overrides.runs,
  };
  const registry: RegistryApi = {
    rows: async () => ({ rows: [], total: 0 }),
    row: async () => {
      throw new Error("row is not set up in this test");
    },
    retry: async (ids) => ids.length,
    exportCsv: async () => ({ path: "", rows: 0 }),
    ...overrides.registry,
  };
  const projects: ProjectsApi = {
    linked: async () => [],
    plan: async () => {
      throw new Error("plan is not set up in this test");
    },
    ...overrides.projects,
  };
  const settings: SettingsApi = {
    get: async () => ({
      dataDir: "/tmp/liaison-data",
      logLevel: "info",
      conflictRule: "newest_wins",
      budgetReservePercent: 10,
      dailyTimes: [],
      socialIntervalMinutes: 60,
      clientId: "liaison-desktop",
    }),
    save: async (s) => s,
    ...overrides.settings,
  };

  const demo: DemoApi = {
    setup: async () => ({ seq: 0, status: "idle", steps: [] }),
    signInForMe: async () => undefined,
    retrySetup: async () => undefined,
    ...overrides.demo,
  };

  const base = recorded(calls, "app", {
    ready: async (_screen: string) => undefined,
    reportError: async () => undefined,
    info: async () => ({ version: "1.2.3", dataDir: "/tmp/liaison-data", hasWindow: true }),
    openUrl: async (_url: string) => undefined,
    chooseDirectory: async () => "",
    eventsSince: async () => ({ events: [], complete: true, lastSeq: 0 }),
    ...overrides.base,
  });

  return {
    ...base,
    calls,
    on: <T,>(name: string, handler: (data: T) => void) => {
      const set = handlers.get(name) ?? new Set();
      set.add(handler as (data: unknown) => void);
      handlers.set(name, set);
      return () => set.delete(handler as (data: unknown) => void);
    },
    emit: (name, data) => handlers.get(name)?.forEach((h) => h(data)),
    connections: recorded(calls, "connections", connections),
    package: recorded(calls, "package", pkg),
    definitions: recorded(calls, "definitions", definitions),
    schema: recorded(calls, "schema", schema),
    runs: recorded(calls, "runs", runs),
    registry: recorded(calls, "registry", registry),
    projects: recorded(calls, "projects", projects),
    settings: recorded(calls, "settings", settings),
    demo: recorded(calls, "demo", demo),
  };
}
