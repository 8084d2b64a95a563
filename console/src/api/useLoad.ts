import { useCallback, useEffect, useRef, useState } from 'react';
import { Problem } from './problem';

/** Loads once per change of `deps`; `reload()` after an act. Errors are kept as a Problem, never swallowed. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | undefined; problem: Problem | null; loading: boolean; reload: () => void } {
  const [data, setData] = useState<T>();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const latest = useRef(load);
  latest.current = load;
  useEffect(() => {
    let live = true;
    setLoading(true);
    latest
      .current()
      .then((d) => {
        if (!live) return;
        setData(d);
        setProblem(null);
      })
      .catch((e: unknown) => live && setProblem(Problem.from(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, problem, loading, reload };
}

/** Runs an act (a POST): `pending` while it runs, its Problem when it fails. */
export function useAct(): { pending: boolean; problem: Problem | null; run: <T>(act: () => Promise<T>) => Promise<T | undefined>; clear: () => void } {
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const run = useCallback(async <T,>(act: () => Promise<T>) => {
    setPending(true);
    setProblem(null);
    try {
      return await act();
    } catch (e) {
      setProblem(Problem.from(e));
      return undefined;
    } finally {
      setPending(false);
    }
  }, []);
  return { pending, problem, run, clear: () => setProblem(null) };
}
