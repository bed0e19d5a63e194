import { useId, useState } from "react";
import type { ApiError } from "../../api/types";

export interface BrowserFailureProps {
  /** The address the system browser did not open. */
  address: string;
  error: ApiError;
  onDismiss?(): void;
}

/** Copies text to the clipboard, through the Clipboard API where the window allows it, else through a selected field. */
async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // The window may not grant clipboard access; fall back to the selected field.
  }
  if (!field) return false;
  field.focus();
  field.select();
  return typeof document.execCommand === "function" && document.execCommand("copy");
}

/**
 * Splits the Go side's "open ADDRESS in the system browser: REASON: OUTPUT" message into a short reason
 * ("xdg-open failed: exit status 4") and the opener's raw output, which may run over several lines.
 */
export function splitBrowserError(message: string): { reason: string; output: string } {
  const marker = " in the system browser: ";
  const at = message.indexOf(marker);
  const rest = (at >= 0 ? message.slice(at + marker.length) : message).trim();
  const exit = /^[^\n]*?exit status \d+/.exec(rest);
  let cut = exit ? exit[0].length : rest.search(/\n|: \[/);
  if (cut < 0) cut = rest.length;
  const reason = rest.slice(0, cut).trim();
  const output = rest
    .slice(cut)
    .replace(/^[:\s]+/, "")
    .trim();
  return { reason: reason || rest, output: reason ? output : "" };
}

/**
 * Shows why the system browser did not open an address, and the address itself in a field the user can
 * select or copy, so the page can still be opened by hand.
 */
export function BrowserFailure({ address, error, onDismiss }: BrowserFailureProps) {
  const fieldId = useId();
  const [copied, setCopied] = useState<"" | "yes" | "no">("");
  const { reason, output } = splitBrowserError(error.message);

  const copy = async () => {
    const field = document.getElementById(fieldId) as HTMLInputElement | null;
    setCopied((await copyText(address, field)) ? "yes" : "no");
  };

  return (
    <div className="error-note browser-failure" role="alert" data-code={error.code}>
      <p className="error-note__message">
        The system browser did not open the page{reason ? `: ${reason}` : ""}.
      </p>
      <label htmlFor={fieldId} className="browser-failure__label">
        Open this address in a browser yourself:
      </label>
      <div className="browser-failure__row">
        <input
          id={fieldId}
          className="input mono browser-failure__address"
          value={address}
          readOnly
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className="button" onClick={() => void copy()}>
          Copy address
        </button>
        {onDismiss ? (
          <button type="button" className="button button--ghost" onClick={onDismiss}>
            Dismiss
          </button>
        ) : null}
      </div>
      {copied === "yes" ? <p className="muted">Copied to the clipboard.</p> : null}
      {copied === "no" ? <p className="muted">Copying is not allowed here: select the address and press Ctrl+C.</p> : null}
      {output ? (
        <details className="browser-failure__details">
          <summary>Details</summary>
          <pre className="mono">{output}</pre>
        </details>
      ) : null}
    </div>
  );
}
