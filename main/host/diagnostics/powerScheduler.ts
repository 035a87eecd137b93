import type { PowerPlan } from '../../../contract/diagnostics';
import type { Logger } from '../logging/logger';
import type { HostService } from '../serviceManager';
import { nextPowerAction, type PlannedAction, type PowerScheduleInput } from './powerPlan';

/** The one place the kiosk turns the machine off. Production: systemPowerControl(); tests record. */
export interface PowerControl {
  powerOff(): Promise<void>;
  reboot(): Promise<void>;
}

export interface PowerSchedulerOptions {
  /** Read on every tick, so a schedule the county changed applies without a restart. */
  schedule: () => PowerScheduleInput;
  /** A villager (or IT at the console) is using the kiosk: the act waits until they are done. */
  busy: () => boolean;
  power: PowerControl;
  log: Logger;
  now?: () => Date;
  tickMs?: number;
  /** A deferred act later than this is dropped (the next one is planned) rather than done at dawn. */
  maxLateMs?: number;
}

/**
 * Carries out the county's power schedule. Plans the next act from the schedule, checks the clock
 * every few seconds, never acts while someone is using the kiosk (defers until the session ends)
 * and never acts for a time that passed while the kiosk was off: planning starts from now.
 */
export class PowerScheduler implements HostService {
  readonly name = 'power-schedule';
  private planned: PlannedAction | null = null;
  private plannedFor = '';
  private deferred = false;
  private acting = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly now: () => Date;

  constructor(private readonly options: PowerSchedulerOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async start(): Promise<void> {
    this.replan(this.now());
    this.timer = setInterval(() => void this.tick(), this.options.tickMs ?? 15_000);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  plan(): PowerPlan {
    const schedule = this.options.schedule();
    this.replanIfChanged(schedule);
    return {
      powerOffAt: schedule.powerOffAt,
      rebootAt: schedule.rebootAt,
      days: schedule.days,
      next: this.planned
        ? { action: this.planned.action, at: this.planned.at.toISOString(), deferred: this.deferred }
        : null,
    };
  }

  /** One look at the clock; the interval calls it, tests call it with their own clock. */
  async tick(): Promise<void> {
    if (this.acting) return;
    const now = this.now();
    this.replanIfChanged(this.options.schedule(), now);
    const due = this.planned;
    if (!due || now < due.at) return;
    if (now.getTime() - due.at.getTime() > (this.options.maxLateMs ?? 3_600_000)) {
      this.options.log.warn('scheduled power action dropped: kiosk was in use too long', {
        action: due.action,
        plannedAt: due.at.toISOString(),
      });
      this.replan(now);
      return;
    }
    if (this.options.busy()) {
      if (!this.deferred)
        this.options.log.info('scheduled power action deferred: kiosk in use', { action: due.action });
      this.deferred = true;
      return;
    }
    this.acting = true;
    try {
      this.options.log.info('scheduled power action', {
        action: due.action,
        plannedAt: due.at.toISOString(),
      });
      await (due.action === 'poweroff' ? this.options.power.powerOff() : this.options.power.reboot());
    } catch (error) {
      this.options.log.error('scheduled power action failed', {
        action: due.action,
        error: (error as Error).message,
      });
    } finally {
      this.acting = false;
      this.replan(now);
    }
  }

  private replanIfChanged(schedule: PowerScheduleInput, now = this.now()): void {
    if (JSON.stringify(schedule) !== this.plannedFor) this.replan(now, schedule);
  }

  private replan(after: Date, schedule = this.options.schedule()): void {
    this.plannedFor = JSON.stringify(schedule);
    this.planned = nextPowerAction(schedule, after);
    this.deferred = false;
  }
}
