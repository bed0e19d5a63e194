// The only module that imports the generated Wails bindings and the Wails
// runtime. Screens receive the LiaisonApi it builds through ApiProvider, so
// components and tests never touch window.go.
import * as App from "../../wailsjs/go/app/App";
import { app } from "../../wailsjs/go/models";
import { EventsOn } from "../../wailsjs/runtime/runtime";
import { ApiError, type AppInfo, type LiaisonApi } from "./types";

/** Converts a rejected bound call (app.ErrorPayload, or a bare string from Wails) into an ApiError. */
export function toApiError(reason: unknown): ApiError {
  if (reason instanceof ApiError) {
    return reason;
  }
  if (typeof reason === "object" && reason !== null && "code" in reason && "message" in reason) {
    const payload = reason as { code: unknown; message: unknown; hint?: unknown };
    return new ApiError(String(payload.code), String(payload.message), payload.hint ? String(payload.hint) : "");
  }
  if (typeof reason === "string") {
    return new ApiError("internal", reason);
  }
  return new ApiError("internal", reason instanceof Error ? reason.message : String(reason));
}

async function call<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (reason) {
    throw toApiError(reason);
  }
}

function currentTheme(): string {
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

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
      const info = await call(App.Info());
      return { version: info.version, dataDir: info.dataDir, hasWindow: info.hasWindow };
    },
    openUrl: (address) => call(App.OpenURL(address)),
    chooseDirectory: (title, current) => call(App.ChooseDirectory(title, current)),
    on: <T,>(event: string, handler: (data: T) => void) => EventsOn(event, (data: T) => handler(data)),
  };
}

/** Reports whether the Wails bridge is present (false in a plain browser tab without the dev server). */
export function hasWailsBridge(): boolean {
  const w = window as unknown as { go?: { app?: unknown } };
  return typeof w.go?.app === "object";
}
