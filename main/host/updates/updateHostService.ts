import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import type { Logger } from '../logging/logger';
import type { HostService } from '../serviceManager';
import type { OpeningHours } from './openingHours';
import type { UpdatePlatform } from './updateFeed';
import { type Installer, UpdateScheduler, type UpdateStatus } from './updateScheduler';

/** Opening hours as the county's remote settings give them: ISO weekdays 1 (Mon) … 7 (Sun). */
export interface CountyOpeningPeriod {
  days: number[];
  open: string;
  close: string;
}

/**
 * Without hours from the county, assume a service point open 07:00–22:00 every day, so updates
 * install at night rather than never (or in front of a villager).
 */
const DEFAULT_HOURS: OpeningHours = {
  timeZone: 'Asia/Shanghai',
  periods: [{ days: [0, 1, 2, 3, 4, 5, 6], open: '07:00', close: '22:00' }],
};

export function updateHoursFrom(periods: CountyOpeningPeriod[]): OpeningHours {
  if (periods.length === 0) return DEFAULT_HOURS;
  return {
    timeZone: 'Asia/Shanghai',
    periods: periods.map((p) => ({
      days: [...new Set(p.days.map((d) => d % 7))],
      open: p.open,
      close: p.close,
    })),
  };
}

export interface UpdateHostServiceOptions {
  /** Given by the Electron shell only (packaged builds): the browser host does not self-update. */
  installer: Installer;
  platform: UpdatePlatform;
  currentVersion: string;
  downloadDir: string;
  releasePublicKey?: KeyObject;
  bytesPerSecond?: number;
  countyUrl: () => string | null;
  deviceId: () => string | null;
  openingHours: () => CountyOpeningPeriod[];
  sessionActive: () => boolean;
  onStatus?: (status: UpdateStatus) => void;
  log: Logger;
}

/**
 * Starts the county update scheduler once the kiosk is enrolled: checks on a schedule, downloads
 * in the background under the bandwidth cap, verifies, and installs only outside opening hours
 * with no villager at the screen. A kiosk that is not enrolled has no feed and does nothing.
 */
export function updateHostService(
  options: UpdateHostServiceOptions,
): HostService & { scheduler(): UpdateScheduler | undefined } {
  let scheduler: UpdateScheduler | undefined;
  return {
    name: 'updates',
    scheduler: () => scheduler,
    async start() {
      const county = options.countyUrl();
      const deviceId = options.deviceId();
      if (!county || !deviceId) {
        options.log.info('updates off: kiosk not enrolled in a county');
        return;
      }
      scheduler = new UpdateScheduler({
        feedUrl: `${county.replace(/\/+$/, '')}/updates/`,
        platform: options.platform,
        device: { deviceId },
        currentVersion: options.currentVersion,
        downloadDir: join(options.downloadDir),
        hours: updateHoursFrom(options.openingHours()),
        isSessionActive: options.sessionActive,
        installer: options.installer,
        ...(options.releasePublicKey ? { releasePublicKey: options.releasePublicKey } : {}),
        ...(options.bytesPerSecond ? { bytesPerSecond: options.bytesPerSecond } : {}),
        onStatus: (status) => {
          options.log.info('update status', {
            state: status.state,
            version: status.version,
            waitingFor: status.waitingFor,
          });
          options.onStatus?.(status);
        },
      });
      scheduler.start();
    },
    async stop() {
      scheduler?.stop();
    },
  };
}
