import { useState } from "react";
import { useApi } from "../../api/context";
import type { ApiError, DemoLoginPage, DemoSetupState, DemoSetupStep } from "../../api/types";
import { splitBrowserError } from "../common/BrowserFailure";
import { ErrorNote, errorOf } from "../common/ErrorNote";

const stepMarks: Record<string, string> = {
  pending: "○",
  running: "…",
  waiting: "!",
  done: "✓",
  failed: "✕",
};

const stepStatusLabels: Record<string, string> = {
  pending: "Not started",
  running: "In progress",
  waiting: "Waiting for you",
  done: "Done",
  failed: "Failed",
};

function panelTitle(status: string): string {
  switch (status) {
    case "done":
      return "The demo workspace is ready";
    case "failed":
      return "The demo setup stopped";
  }
  return "Setting up the demo workspace";
}

/**
 * Asks the user to sign in on the simulated Salesforce login page, with the
 * simulator's login, and offers to do it for them. Shows the error of a
 * system browser that did not start.
 */
export function DemoSignIn({ page }: { page: DemoLoginPage }) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const signIn = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.demo.signInForMe();
    } catch (err) {
      setError(errorOf(err));
    } finally {
      setBusy(false);
    }
  };

  // The opener's own output can run over many lines; it goes under Details.
  const failure = page.browserError ? splitBrowserError(page.browserError) : undefined;
  let instructions: string;
  if (failure) {
    instructions = `Your system browser did not start (${failure.reason}). Open the login page below in a browser, or let Liaison sign in for you.`;
  } else if (page.opened) {
    instructions = "Liaison opened the simulated org's login page in your system browser. Log in with the demo login below, then allow access.";
  } else {
    instructions = "Open the login page below in a browser, log in with the demo login, then allow access.";
  }

  return (
    <div className="demo-signin" role="group" aria-label="Sign in to the demo Salesforce org">
      <h3>Sign in to the demo Salesforce org in your browser</h3>
      <p className={page.browserError ? "problem problem--warning" : undefined}>{instructions}</p>
      {failure?.output ? (
        <details className="browser-failure__details">
          <summary>Details</summary>
          <pre className="mono">{failure.output}</pre>
        </details>
      ) : null}
      <dl className="detail-list">
        <dt>User</dt>
        <dd className="mono" data-testid="demo-signin-username">
          {page.username}
        </dd>
        <dt>Password</dt>
        <dd className="mono">{page.password}</dd>
        <dt>Login page</dt>
        <dd className="mono demo-signin__url">{page.url}</dd>
      </dl>
      <div className="button-row">
        <span className="muted demo-signin__note">These logins belong to the simulator on this computer.</span>
        <button type="button" className="button button--primary" disabled={busy} onClick={() => void signIn()}>
          {busy ? "Signing in…" : "Sign in for me"}
        </button>
      </div>
      {error ? <ErrorNote error={error} /> : null}
    </div>
  );
}

function StepRow({ step }: { step: DemoSetupStep }) {
  return (
    <li className={`demo-setup__step demo-setup__step--${step.status}`} data-step={step.id} data-status={step.status}>
      <span className="demo-setup__mark" aria-hidden="true">
        {step.status === "running" ? <span className="spinner" /> : (stepMarks[step.status] ?? "○")}
      </span>
      <span className="demo-setup__title">{step.title}</span>
      <span className="visually-hidden">: {stepStatusLabels[step.status] ?? step.status}</span>
      {step.detail ? <span className="demo-setup__detail muted">{step.detail}</span> : null}
    </li>
  );
}

export interface DemoSetupPanelProps {
  state: DemoSetupState;
  /** Closes the panel once the setup is done. */
  onDismiss?(): void;
}

/**
 * Shows the progress of the setup that the desktop demo runs behind the
 * window (connections, package install and first sync), the Salesforce
 * sign-in it waits for, and Try again after a failure.
 */
export function DemoSetupPanel({ state, onDismiss }: DemoSetupPanelProps) {
  const api = useApi();
  const [retryError, setRetryError] = useState<ApiError | null>(null);
  const [showSteps, setShowSteps] = useState(false);
  const waiting = state.steps.some((s) => s.id === "salesforce" && s.status === "waiting");

  const retry = async () => {
    setRetryError(null);
    try {
      await api.demo.retrySetup();
    } catch (err) {
      setRetryError(errorOf(err));
    }
  };

  // A finished setup shrinks to one line, like the sync summary, so it does not push every screen down.
  const done = state.status === "done";
  const doneSteps = state.steps.filter((s) => s.status === "done").length;

  return (
    <section
      className={`run-progress demo-setup${done ? " run-summary-bar demo-setup--done" : ""}${state.status === "failed" ? " run-progress--failed" : ""}`}
      aria-label="Demo setup"
    >
      {done ? (
        <>
          <strong>{panelTitle(state.status)}</strong>
          <span className="run-summary-bar__line">
            {doneSteps} of {state.steps.length} steps done · Simulated orgs on this computer
          </span>
          <button type="button" className="button button--ghost" aria-expanded={showSteps} onClick={() => setShowSteps((v) => !v)}>
            Details
          </button>
          {onDismiss ? (
            <button type="button" className="button button--ghost" onClick={onDismiss}>
              Close
            </button>
          ) : null}
        </>
      ) : (
        <header className="run-progress__header">
          <strong>{panelTitle(state.status)}</strong>
          <span className="muted">Simulated orgs on this computer</span>
        </header>
      )}
      <ol className="demo-setup__steps" aria-label="Setup steps" hidden={done && !showSteps}>
        {state.steps.map((step) => (
          <StepRow key={step.id} step={step} />
        ))}
      </ol>
      {waiting && state.loginPage ? <DemoSignIn page={state.loginPage} /> : null}
      {state.status === "failed" ? (
        <div className="button-row">
          <span className="problem demo-setup__error">{state.error}</span>
          <button type="button" className="button button--primary" onClick={() => void retry()}>
            Try again
          </button>
        </div>
      ) : null}
      {retryError ? <ErrorNote error={retryError} /> : null}
    </section>
  );
}
