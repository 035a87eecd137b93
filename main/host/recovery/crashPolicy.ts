export type CrashAction = 'reload' | 'relaunch';

/**
 * Self-healing policy for the kiosk page: a crashed or hung renderer is reloaded; if it keeps
 * crashing (more than `maxCrashes` within `windowMs`) reloading is not helping and the whole
 * app is relaunched instead.
 */
export class CrashPolicy {
  private crashes: number[] = [];

  constructor(
    private readonly maxCrashes = 3,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  onRendererGone(reason: string): CrashAction | 'ignore' {
    // A clean exit is the app closing the page on purpose (admin exit), not a crash.
    if (reason === 'clean-exit') return 'ignore';
    const t = this.now();
    this.crashes = this.crashes.filter((c) => t - c < this.windowMs);
    this.crashes.push(t);
    return this.crashes.length > this.maxCrashes ? 'relaunch' : 'reload';
  }
}

/**
 * A GPU process that crashes is often a driver that does not like the kiosk's graphics chip; the
 * next start runs without hardware acceleration. Kept as a marker file by the shell.
 */
export function shouldDisableGpu(gpuCrashesRecorded: number): boolean {
  return gpuCrashesRecorded >= 1;
}

export function isGpuCrash(child: { type: string; reason: string }): boolean {
  return child.type === 'GPU' && child.reason !== 'clean-exit' && child.reason !== 'killed';
}
