// The only module that imports the generated Wails bindings and the Wails
// runtime. Screens receive the LiaisonApi it builds through ApiProvider, so
// components and tests never touch window.go.
import * as App from "../../wailsjs/go/app/App";
import * as Connections from "../../wailsjs/go/app/ConnectionsService";
import * as Definitions from "../../wailsjs/go/app/DefinitionsService";
import * as Demo from "../../wailsjs/go/app/DemoService";
import * as Events from "../../wailsjs/go/app/EventsService";
import * as Package from "../../wailsjs/go/app/PackageService";
import * as Projects from "../../wailsjs/go/app/ProjectService";
import * as Registry from "../../wailsjs/go/app/RegistryService";
import * as Runs from "../../wailsjs/go/app/RunService";
import * as Schema from "../../wailsjs/go/app/SchemaService";
import * as SettingsService from "../../wailsjs/go/app/SettingsService";
import { app, connect, engine, mapping } from "../../wailsjs/go/models";
import { EventsOn } from "../../wailsjs/runtime/runtime";
import { toApiError } from "./errorOf";
import { awaitSalesforceLogin, type SalesforceLoginState, type Subscribe } from "./salesforceLogin";
import type { AppInfo, LiaisonApi } from "./types";

export { toApiError };

/**
 * Awaits a bound call and returns its result as T. The generated model
 * classes carry the same fields as the plain interfaces in types.ts.
 */
async function call<T>(promise: Promise<unknown>): Promise<T> {
  try {
    return (await promise) as T;
  } catch (reason) {
    throw toApiError(reason);
  }
}

function currentTheme(): string {
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

const loginEvents: Subscribe = (event, handler) => EventsOn(event, (state: SalesforceLoginState) => handler(state));

/** Builds the LiaisonApi that talks to the Go app layer through the Wails bindings. */
export function createWailsApi(): LiaisonApi {
  return {
    ready: (screen) =>
      call(App.Ready(new app.ReadyInfo({ screen, userAgent: navigator.userAgent, theme: currentTheme() }))),
    reportError: (report) =>
      call(
        App.ReportError(
          new app.FrontendError({
            kind: report.kind,
            message: report.message,
            source: report.source ?? "",
            line: report.line ?? 0,
            column: report.column ?? 0,
            stack: report.stack ?? "",
          }),
        ),
      ),
    info: async (): Promise<AppInfo> => {
      const info = await call<app.Info>(App.Info());
      return { version: info.version, dataDir: info.dataDir, hasWindow: info.hasWindow };
    },
    openUrl: (address) => call(App.OpenURL(address)),
    chooseDirectory: (title, current) => call(App.ChooseDirectory(title, current)),
    on: <T,>(event: string, handler: (data: T) => void) => EventsOn(event, (data: T) => handler(data)),
    eventsSince: (seq) => call(Events.Since(seq)),
    connections: {
      view: () => call(Connections.View()),
      check: () => call(Connections.Check()),
      // The Start* calls return at once; the login's end arrives as a window event (see salesforceLogin.ts).
      connectSalesforce: (login) =>
        awaitSalesforceLogin(
          () => call<SalesforceLoginState>(Connections.StartSalesforceLogin(connect.SalesforceLogin.createFrom(login))),
          loginEvents,
        ),
      reauthenticateSalesforce: () => awaitSalesforceLogin(() => call<SalesforceLoginState>(Connections.StartReauthentication()), loginEvents),
      completePasted: (pasted) => call(Connections.CompletePasted(pasted)),
      cancelLogin: () => call(Connections.CancelLogin()),
      resolveOrgChange: (decision) => call(Connections.ResolveOrgChange(decision)),
      connectClarizen: (login) => call(Connections.ConnectClarizen(connect.ClarizenLogin.createFrom(login))),
      disconnect: (id) => call(Connections.Disconnect(id)),
      dependents: (id) => call(Connections.Dependents(id)),
    },
    package: {
      status: (instance) => call(Package.Status(instance)),
      createMissing: () => call(Package.CreateMissing()),
      plan: (instance) => call(Package.Plan(instance)),
      apply: (planId) => call(Package.Apply(planId)),
      discard: (planId) => call(Package.Discard(planId)),
    },
    definitions: {
      list: () => call(Definitions.List()),
      mapping: (id) => call(Definitions.Mapping(id)),
      event: (id) => call(Definitions.Event(id)),
      newMapping: (instance) => call(Definitions.NewMapping(instance)),
      saveMapping: (m) => call(Definitions.SaveMapping(mapping.Mapping.createFrom(m))),
      saveEvent: (e) => call(Definitions.SaveEvent(mapping.Event.createFrom(e))),
      validateMapping: (m) => call(Definitions.ValidateMapping(mapping.Mapping.createFrom(m))),
      validateEvent: (e) => call(Definitions.ValidateEvent(mapping.Event.createFrom(e))),
      enableMapping: (id) => call(Definitions.EnableMapping(id)),
      disableMapping: (id) => call(Definitions.DisableMapping(id)),
      countMatching: (id) => call(Definitions.CountMatching(id)),
      enableEvent: (id, fireExisting) => call(Definitions.EnableEvent(id, fireExisting)),
      disableEvent: (id) => call(Definitions.DisableEvent(id)),
      remove: (kind, id) => call(Definitions.Delete(kind, id)),
      exportFile: () => call(Definitions.Export()),
      importFile: (replace) => call(Definitions.Import(replace)),
    },
    schema: {
      salesforceObjects: () => call(Schema.SalesforceObjects()),
      clarizenEntities: (instance) => call(Schema.ClarizenEntities(instance)),
      describeSalesforce: (object) => call(Schema.DescribeSalesforce(object)),
      describeClarizen: (instance, entity) => call(Schema.DescribeClarizen(instance, entity)),
      clarizenTemplates: (instance, entity) => call(Schema.ClarizenTemplates(instance, entity)),
      clarizenRelations: (instance, entity) => call(Schema.ClarizenRelations(instance, entity)),
      salesforceChildRelationships: (object) => call(Schema.SalesforceChildRelationships(object)),
      fieldCompatibility: () => call(Schema.FieldCompatibility()),
      conditionOperators: () => call(Schema.ConditionOperators()),
      validateCondition: (side, instance, object, text) => call(Schema.ValidateCondition(side, instance, object, text)),
      conditionTree: (text) => call(Schema.ConditionTree(text)),
    },
    runs: {
      syncNow: (ids) => call(Runs.SyncNow(ids)),
      preview: (ids) => call(Runs.Preview(ids)),
      apply: (planId) => call(Runs.Apply(planId)),
      discard: (planId) => call(Runs.Discard(planId)),
      cancel: () => call(Runs.Cancel()),
      confirmDeletes: (mappingId, deletes) => call(Runs.ConfirmDeletes(mappingId, deletes)),
      schedule: () => call(Runs.Schedule()),
      saveSchedule: (times) => call(Runs.SaveSchedule(times)),
      pauseSchedule: () => call(Runs.PauseSchedule()),
      resumeSchedule: () => call(Runs.ResumeSchedule()),
      history: (limit) => call(Runs.History(limit)),
    },
    registry: {
      rows: (query) => call(Registry.Rows(app.RegistryQuery.createFrom(query))),
      row: (id) => call(Registry.Row(id)),
      retry: (ids) => call(Registry.Retry(ids)),
      exportCsv: (query) => call(Registry.ExportCSV(app.RegistryQuery.createFrom(query))),
    },
    projects: {
      linked: () => call(Projects.LinkedProjects()),
      plan: (connection, projectId, salesforceObject, salesforceId) =>
        call(Projects.Plan(connection, projectId, salesforceObject, salesforceId)),
    },
    settings: {
      get: () => call(SettingsService.Get()),
      save: (s) => call(SettingsService.Save(engine.Settings.createFrom(s))),
    },
    demo: {
      setup: () => call(Demo.Setup()),
      signInForMe: () => call(Demo.SignInForMe()),
      retrySetup: () => call(Demo.RetrySetup()),
    },
  };
}

/** Reports whether the Wails bridge is present (false in a plain browser tab without the dev server). */
export function hasWailsBridge(): boolean {
  const w = window as unknown as { go?: { app?: unknown } };
  return typeof w.go?.app === "object";
}
