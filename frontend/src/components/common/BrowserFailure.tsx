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
 * Shows why the system browser did not open an address, and the address itself in a field the user can
 * select or copy, so the page can still be opened by hand.
 */
export function BrowserFailure({ address, error, onDismiss }: BrowserFailureProps) {
  const fieldId = useId();
  const [copied, setCopied] = useState<"" | "yes" | "no">("");

  const copy = async () => {
    const field = document.getElementById(fieldId) as HTMLInputElement | null;
    setCopied((await copyText(address, field)) ? "yes" : "no");
  };

  return (
    <div className="error-note browser-failure" role="alert" data-code={error.code}>
      <p className="error-note__message">{error.message}</p>
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
    </div>
  );
}
