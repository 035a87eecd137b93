/**
 * The idle rule of a session, without timers of its own so it can be tested with a fake clock:
 * after `timeoutSeconds` without a touch the person is warned for `warningSeconds` (spoken and
 * visible countdown), then the session ends and everything is wiped.
 */
export interface IdlePhase {
  phase: 'active' | 'warning' | 'expired';
  /** Seconds left before the wipe, only meaningful in the warning phase. */
  secondsLeft: number;
}

export interface IdleRule {
  timeoutSeconds: number;
  warningSeconds: number;
}

/** The warning takes the last part of the timeout: 20 s of 90, never more than a third. */
export function idleRuleFor(timeoutSeconds: number): IdleRule {
  const timeout = Math.max(15, Math.round(timeoutSeconds));
  return { timeoutSeconds: timeout, warningSeconds: Math.min(20, Math.floor(timeout / 3)) };
}

export function idlePhase(rule: IdleRule, lastActivityMs: number, nowMs: number): IdlePhase {
  const idle = Math.max(0, (nowMs - lastActivityMs) / 1000);
  const left = rule.timeoutSeconds - idle;
  if (left <= 0) return { phase: 'expired', secondsLeft: 0 };
  if (left <= rule.warningSeconds) return { phase: 'warning', secondsLeft: Math.ceil(left) };
  return { phase: 'active', secondsLeft: Math.ceil(left) };
}
