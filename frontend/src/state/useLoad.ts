import { useCallback, useEffect, useRef, useState } from "react";
import { toApiError } from "../api/errorOf";
import type { ApiError } from "../api/types";

/** The state of a value loaded from the Go side. */
export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  /** Loads again; the old value stays shown meanwhile. */
  reload(): void;
}

/**
 * Loads a value with load() when the component mounts and whenever deps
 * change, and again on reload(). A load that finishes after a newer one
 * started is dropped.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);

  const reload = useCallback(() => {
    const mine = ++generation.current;
    setLoading(true);
    run().then(
      (value) => {
        if (mine !== generation.current) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (mine !== generation.current) return;
        setError(toApiError(err));
        setLoading(false);
      },
    );
  }, [run]);

  useEffect(() => {
    reload();
    return () => {
      generation.current++;
    };
  }, [reload]);

  return { data, error, loading, reload };
}
