import { afterEach, describe, expect, it } from "vitest";
import { installErrorReporting } from "./errors";
import { ApiError } from "./types";
import { hasWailsBridge, toApiError } from "./wails";

describe("toApiError", () => {
  it.each([
    ["error payload", { code: "invalid_url", message: "invalid address", hint: "Check the URL." }, ["invalid_url", "invalid address", "Check the URL."]],
    ["payload without hint", { code: "no_window", message: "no desktop window is open" }, ["no_window", "no desktop window is open", ""]],
    ["bare string from Wails", "runtime error: index out of range", ["internal", "runtime error: index out of range", ""]],
    ["Error", new Error("socket closed"), ["internal", "socket closed", ""]],
    ["number", 42, ["internal", "42", ""]],
  ])("converts a %s", (_name, reason, [code, message, hint]) => {
    const err = toApiError(reason);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe(code);
    expect(err.message).toBe(message);
    expect(err.hint).toBe(hint);
  });

  it("keeps an ApiError as it is", () => {
    const err = new ApiError("needs_reauth", "sign in again");
    expect(toApiError(err)).toBe(err);
  });
});

describe("hasWailsBridge", () => {
  afterEach(() => {
    delete (window as unknown as { go?: unknown }).go;
  });

  it("is false in a plain page and true with the bindings", () => {
    expect(hasWailsBridge()).toBe(false);
    (window as unknown as { go: unknown }).go = { app: { App: {} } };
    expect(hasWailsBridge()).toBe(true);
  });
});

describe("installErrorReporting", () => {
  it("forwards uncaught errors and unhandled rejections until removed", () => {
    const reports: { kind: string; message: string; line?: number }[] = [];
    const remove = installErrorReporting({
      reportError: async (r) => {
        reports.push({ kind: r.kind, message: r.message, line: r.line });
      },
    });

    window.dispatchEvent(new ErrorEvent("error", { message: "x is not defined", filename: "app.js", lineno: 12, colno: 3 }));
    const rejection = new Event("unhandledrejection") as PromiseRejectionEvent;
    Object.defineProperty(rejection, "reason", { value: new Error("bound call failed") });
    window.dispatchEvent(rejection);
    remove();
    window.dispatchEvent(new ErrorEvent("error", { message: "after removal" }));

    expect(reports).toEqual([
      { kind: "error", message: "x is not defined", line: 12 },
      { kind: "rejection", message: "bound call failed", line: undefined },
    ]);
  });
});
