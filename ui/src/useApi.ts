import { useEffect, useState } from 'react';
import { toApiError, type Problem } from './api.ts';

export interface ApiState<T> {
  /** The last successful answer; cleared when a later load fails. */
  data?: T;
  error?: Problem;
  loading: boolean;
}

/**
 * Loads `load` on mount and again whenever `reloadKey` changes. While a reload
 * runs the previous data stays visible. `load` must be a stable function.
 */
export function useApi<T>(load: (signal: AbortSignal) => Promise<T>, reloadKey: unknown): ApiState<T> {
  const [state, setState] = useState<ApiState<T>>({ loading: true });

  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, loading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ error: toApiError(error).problem, loading: false });
      },
    );
    return () => controller.abort();
  }, [load, reloadKey]);

  return state;
}
