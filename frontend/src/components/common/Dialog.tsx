import { useEffect, useId, useRef, type ReactNode } from "react";

export interface DialogProps {
  title: string;
  children: ReactNode;
  /** Buttons at the bottom, primary last. */
  actions?: ReactNode;
  /** Closes the dialog on Escape and on the × button. Without it the dialog offers no way out but its actions. */
  onClose?(): void;
  /** Widens the dialog for tables and editors. */
  wide?: boolean;
}

/** Renders a modal dialog over the window. Focus moves into it when it opens and returns when it closes. */
export function Dialog({ title, children, actions, onClose, wide = false }: DialogProps) {
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    panel.current?.focus();
    return () => before?.focus?.();
  }, []);

  useEffect(() => {
    if (!onClose) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);

  return (
    <div className="dialog-backdrop">
      <div
        ref={panel}
        className={`dialog${wide ? " dialog--wide" : ""}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
      >
        <header className="dialog__header">
          <h2 id={titleId}>{title}</h2>
          {onClose ? (
            <button type="button" className="button button--ghost" aria-label="Close" onClick={onClose}>
              ×
            </button>
          ) : null}
        </header>
        <div className="dialog__body">{children}</div>
        {actions ? <footer className="dialog__footer button-row">{actions}</footer> : null}
      </div>
    </div>
  );
}
