// simulated.tsx - tracks whether the page on screen shows simulated data, for the top bar's
// SIMULATED banner. Exports SimulatedProvider, useSimulatedShown (the banner's input) and
// useMarkSimulated(flag) (a data-bound view calls it with its data's `simulated`) and
// isSimulated(x) (true when x says `simulated: true` or comes from the 'simulated' source:
// a series of the simulated market, or an instrument flagged simulated).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

interface Ctx {
  count: number;
  add: (d: number) => void;
}
const C = createContext<Ctx>({ count: 0, add: () => {} });

export function SimulatedProvider({ children }: { children: ReactNode }) {
  const [count, setCount] = useState(0);
  const add = useCallback((d: number) => setCount((c) => c + d), []);
  const v = useMemo(() => ({ count, add }), [count, add]);
  return <C.Provider value={v}>{children}</C.Provider>;
}

export function useSimulatedShown(): boolean {
  return useContext(C).count > 0;
}

export function useMarkSimulated(flag: boolean | undefined): void {
  const { add } = useContext(C);
  useEffect(() => {
    if (!flag) return;
    add(1);
    return () => add(-1);
  }, [flag, add]);
}

export function isSimulated(x: { simulated?: boolean | null; source?: string | null } | null | undefined): boolean {
  return !!x && (x.simulated === true || (x.source ?? '').toLowerCase() === 'simulated');
}
