import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RemoteSettings } from '../../../contract/provisioning';
import { settingsDocument } from '../../../sync/protocol/documents';
import { writeFileAtomic } from '../secure/atomicFile';
import { isOpen } from '../updates/openingHours';

type Stored = Omit<RemoteSettings, 'openNow'>;

export const NO_POWER_SCHEDULE: Stored['powerSchedule'] = {
  powerOffAt: null,
  rebootAt: null,
  days: [1, 2, 3, 4, 5, 6, 7],
};

const FILE = 'remote-settings.json';

/**
 * The county's per-kiosk settings (opening hours, idle timeout, enabled services), kept on disk so
 * a kiosk that starts offline still keeps its hours. Until the county sent any, the kiosk is open
 * around the clock with the config's idle timeout: a kiosk never locks villagers out by default.
 */
export class RemoteSettingsStore {
  private current: Stored;

  constructor(
    private readonly stateDir: string,
    defaultIdleSeconds: number,
    private readonly now: () => Date = () => new Date(),
    private readonly timeZone = 'Asia/Shanghai',
  ) {
    this.current = {
      openingHours: [],
      idleTimeoutSeconds: defaultIdleSeconds,
      enabledServices: null,
      powerSchedule: NO_POWER_SCHEDULE,
      updatedAt: null,
    };
  }

  async load(): Promise<void> {
    try {
      const parsed = JSON.parse(await readFile(join(this.stateDir, FILE), 'utf8')) as Stored;
      // Files written before the power schedule existed lack it: nothing scheduled.
      if (Array.isArray(parsed.openingHours) && typeof parsed.idleTimeoutSeconds === 'number')
        this.current = { ...parsed, powerSchedule: parsed.powerSchedule ?? NO_POWER_SCHEDULE };
    } catch {}
  }

  /** Applies a settings document from the county; false when it is not newer than what we hold. */
  async apply(raw: unknown): Promise<boolean> {
    const doc = settingsDocument.safeParse(raw);
    if (!doc.success || doc.data._deleted) return false;
    if (this.current.updatedAt && doc.data.updatedAt <= this.current.updatedAt) return false;
    this.current = {
      openingHours: doc.data.openingHours,
      idleTimeoutSeconds: doc.data.idleTimeoutSeconds,
      enabledServices: doc.data.enabledServices,
      powerSchedule: doc.data.powerSchedule,
      updatedAt: doc.data.updatedAt,
    };
    await writeFileAtomic(join(this.stateDir, FILE), Buffer.from(JSON.stringify(this.current)), 0o600);
    return true;
  }

  get(): RemoteSettings {
    return { ...this.current, openNow: this.openAt(this.now()) };
  }

  openAt(at: Date): boolean {
    if (this.current.openingHours.length === 0) return true;
    return isOpen(
      {
        timeZone: this.timeZone,
        // County documents count ISO weekdays (7 = Sunday); the hours helper counts from Sunday = 0.
        periods: this.current.openingHours.map((p) => ({
          days: p.days.map((d) => d % 7),
          open: p.open,
          close: p.close,
        })),
      },
      at,
    );
  }
}
