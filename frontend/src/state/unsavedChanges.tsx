// Guards an editor's unsaved changes: leaving an editor that has some
// shows the "Discard unsaved changes?" dialog first.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { Dialog } from "../components/common/Dialog";

interface UnsavedChangesGuard {
  /** Records whether the open editor has unsaved changes. */
  setDirty(dirty: boolean): void;
  /** Runs leave at once, or after the user confirms the discard when the editor has unsaved changes. */
  confirmLeave(leave: () => void): void;
}

// Without a provider nothing is guarded, so an editor rendered on its own leaves at once.
const GuardContext = createContext<UnsavedChangesGuard>({ setDirty: () => undefined, confirmLeave: (leave) => leave() });

/** Provides the guard to the editors and shows the discard dialog when one is left with unsaved changes. */
export function UnsavedChangesProvider({ children }: { children: ReactNode }) {
  const dirty = useRef(false);
  const [pending, setPending] = useState<(() => void) | null>(null);

  const guard = useMemo<UnsavedChangesGuard>(
    () => ({
      setDirty: (d) => {
        dirty.current = d;
      },
      confirmLeave: (leave) => {
        if (dirty.current) setPending(() => leave);
        else leave();
      },
    }),
    [],
  );

  const discard = () => {
    const leave = pending;
    dirty.current = false;
    setPending(null);
    leave?.();
  };

  return (
    <GuardContext.Provider value={guard}>
      {children}
      {pending ? (
        <Dialog
          title="Discard unsaved changes?"
          onClose={() => setPending(null)}
          actions={
            <>
              <button type="button" className="button" onClick={() => setPending(null)}>
                Keep editing
              </button>
              <button type="button" className="button button--danger-solid" onClick={discard}>
                Discard changes
              </button>
            </>
          }
        >
          <p>The changes made since the last save are lost. Choose Keep editing, then Save, to keep them.</p>
        </Dialog>
      ) : null}
    </GuardContext.Provider>
  );
}

/** Returns the guard's confirmLeave, for navigation that would close an editor. */
export function useConfirmLeave(): (leave: () => void) => void {
  return useContext(GuardContext).confirmLeave;
}

/**
 * Reports an editor's unsaved changes to the guard while the editor is on the
 * page, and returns confirmLeave for the editor's own way out.
 */
export function useUnsavedChanges(dirty: boolean): (leave: () => void) => void {
  const guard = useContext(GuardContext);
  useEffect(() => {
    guard.setDirty(dirty);
  }, [guard, dirty]);
  useEffect(() => () => guard.setDirty(false), [guard]);
  return useCallback((leave: () => void) => guard.confirmLeave(leave), [guard]);
}
