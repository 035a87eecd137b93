/**
 * Jittered exponential backoff with a cap. RxDB and tus would retry at a fixed pace; a village of
 * kiosks coming back after a county outage must not hammer the gateway in lockstep.
 * (The renderer has its own copy in renderer/db: the two sides share no runtime code.)
 */
export function backoffDelay(failures: number, baseMs = 1000, capMs = 60_000, random = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, failures - 1));
  // "Equal jitter": at least half the ceiling, so a flapping link still backs off.
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
