/**
 * Jittered exponential backoff with a cap, for the replication handlers. RxDB retries a failed
 * batch at a fixed `retryTime`; waiting here first turns that into an exponential schedule, so a
 * county outage is not met by every kiosk of the county retrying in lockstep.
 * (The host has its own copy in main/host/syncService: the two sides share no runtime code.)
 */
export function backoffDelay(failures: number, baseMs = 1000, capMs = 60_000, random = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
