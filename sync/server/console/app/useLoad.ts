import { useCallback, useEffect, useRef, useState } from 'react';
import { StaffApiError } from './api/staffApi';
import { useConsole } from './consoleContext';

export interface Loaded<T> {
  data: T | undefined;
  error: StaffApiError | undefined;
  loading: boolean;
  reload: () => void;
}

export function asApiError(error: unknown): StaffApiError {
  return error instanceof StaffApiError
    ? error
    : new StaffApiError(0, 'client', '页面出错了，请刷新后重试。');
}

/**
 * Loads data for a page and reloads when `key` changes. A lost session sends the staff member
 * back to sign-in instead of leaving an error on an empty page.
 */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const { signedOut } = useConsole();
  const [state, setState] = useState<{ data?: T; error?: StaffApiError; loading: boolean }>({
    loading: true,
  });
  const [round, setRound] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  // biome-ignore lint/correctness/useExhaustiveDependencies: key and round are the reload triggers.
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    loadRef.current().then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => {
        if (!live) return;
        const apiError = asApiError(error);
        if (apiError.signedOut) signedOut();
        setState((s) => ({ ...s, error: apiError, loading: false }));
      },
    );
    return () => {
      live = false;
    };
  }, [key, round, signedOut]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
