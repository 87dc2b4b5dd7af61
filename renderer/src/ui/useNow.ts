import { createContext, useContext, useEffect, useState } from 'react';

/**
 * A moment every live timer below shows instead of the current time (null: the clocks run). The
 * shell sets it while the connection to main is lost: a timer that kept counting would claim a
 * state main may no longer be in.
 */
const FrozenAt = createContext<number | null>(null);
export const ClockFreeze = FrozenAt.Provider;

/** The current time, refreshed every `intervalMs` (for live timers); stopped under a ClockFreeze. */
export function useNow(intervalMs = 1000): number {
  const frozenAt = useContext(FrozenAt);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (frozenAt !== null) return;
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs, frozenAt]);
  return frozenAt ?? now;
}
