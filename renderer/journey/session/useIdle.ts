import { useCallback, useEffect, useRef, useState } from 'react';
import { type IdlePhase, idlePhase, idleRuleFor } from './idleTimer';

/**
 * Watches touches and keys anywhere in the page; returns the idle phase once a second and a
 * function that counts as a touch (the 继续办理 button).
 */
export function useIdle(timeoutSeconds: number, onExpired: () => void): [IdlePhase, () => void] {
  const last = useRef(Date.now());
  const [phase, setPhase] = useState<IdlePhase>({ phase: 'active', secondsLeft: timeoutSeconds });
  const expired = useRef(onExpired);
  expired.current = onExpired;
  const touch = useCallback(() => {
    last.current = Date.now();
    setPhase((p) => (p.phase === 'active' ? p : { phase: 'active', secondsLeft: timeoutSeconds }));
  }, [timeoutSeconds]);

  useEffect(() => {
    const rule = idleRuleFor(timeoutSeconds);
    const onInput = () => {
      // During the warning only 继续办理 resumes, so a stray touch cannot hide the countdown.
      if (idlePhase(rule, last.current, Date.now()).phase === 'active') last.current = Date.now();
    };
    document.addEventListener('pointerdown', onInput, true);
    document.addEventListener('keydown', onInput, true);
    const timer = setInterval(() => {
      const next = idlePhase(rule, last.current, Date.now());
      setPhase((p) => (p.phase === next.phase && p.secondsLeft === next.secondsLeft ? p : next));
      if (next.phase === 'expired') expired.current();
    }, 1000);
    return () => {
      document.removeEventListener('pointerdown', onInput, true);
      document.removeEventListener('keydown', onInput, true);
      clearInterval(timer);
    };
  }, [timeoutSeconds]);
  return [phase, touch];
}
