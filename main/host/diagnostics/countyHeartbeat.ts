import { statfs } from 'node:fs/promises';
import type { RemoteSettings } from '../../../contract/provisioning';
import { DeviceSigner } from '../../../sync/client/deviceKey';
import { GatewayClient, GatewayRequestError } from '../../../sync/client/gatewayClient';
import type { Heartbeat } from '../../../sync/protocol/heartbeat';
import type { KioskHost } from '../kioskHost';
import type { Logger } from '../logging/logger';
import type { HostService } from '../serviceManager';
import type { DeviceCredentials } from '../syncService/deviceCredentials';
import { deviceReports, livePeripherals } from './deviceReports';
import type { RemoteSettingsStore } from './remoteSettings';

export interface CountyHeartbeatOptions {
  host: Pick<KioskHost, 'contract' | 'health' | 'config'>;
  credentials: () => DeviceCredentials | null;
  countyUrl: () => string | null;
  settings: RemoteSettingsStore;
  /** Where the data lives, for the disk figure. */
  dataDir: string;
  log: Logger;
  version: string;
  /** Queue depth and last sync from the queue service, when it runs. */
  queue?: () => { documents: number; files: number; bytesPending: number; lastSyncAt: string | null };
  onRevoked: () => Promise<void>;
  intervalMs?: number;
  fetchImpl?: typeof fetch;
}

/**
 * Once a minute: tell the county how this kiosk is (version, uptime, queue, devices, disk, last
 * sync) and fetch its settings document. Settings apply at once (event to the renderer), and a
 * `device_revoked` answer sends the kiosk back to the enrollment wizard. Offline is normal: a
 * failed beat is logged once per outage, not every minute.
 */
export class CountyHeartbeat implements HostService {
  readonly name = 'heartbeat';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private clockTimer: ReturnType<typeof setInterval> | undefined;
  private settingsSeq = 0;
  private failing = false;
  private wasOpen: boolean | undefined;
  private stopped = false;
  private running: Promise<void> | undefined;

  constructor(private readonly options: CountyHeartbeatOptions) {}

  /** The county's remote settings for this kiosk (opening hours also decide when updates install). */
  get settings(): RemoteSettingsStore {
    return this.options.settings;
  }

  async start(): Promise<void> {
    const { host, settings } = this.options;
    await settings.load();
    host.contract.handle({ 'settings.get': async () => settings.get() });
    this.wasOpen = settings.get().openNow;
    // Opening hours flip on the clock, not on a county change: check every 30 s.
    this.clockTimer = setInterval(() => this.publishIfOpeningChanged(), 30_000);
    this.clockTimer.unref?.();
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.clockTimer) clearInterval(this.clockTimer);
    await this.running;
  }

  /** One beat now (tests, and the admin console's "send now"). */
  beatNow(): Promise<void> {
    // One beat at a time: the settings checkpoint must not be read by two pulls at once.
    this.running = (this.running ?? Promise.resolve()).then(() => this.beat());
    return this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(async () => {
      await this.beatNow();
      this.schedule(this.options.intervalMs ?? 60_000);
    }, ms);
    this.timer.unref?.();
  }

  private publishIfOpeningChanged(): void {
    const now = this.options.settings.get();
    if (now.openNow !== this.wasOpen) this.publish(now);
  }

  private publish(settings: RemoteSettings): void {
    this.wasOpen = settings.openNow;
    this.options.host.contract.emit('settings.changed', settings);
  }

  private async beat(): Promise<void> {
    const credentials = this.options.credentials();
    const url = this.options.countyUrl();
    if (!credentials || !url) return;
    const client = new GatewayClient(
      url,
      new DeviceSigner(credentials.key, credentials.deviceId, credentials.audience),
      this.options.fetchImpl,
    );
    try {
      await client.heartbeat(await this.heartbeatBody());
      const page = await client.pull('settings', { seq: this.settingsSeq }, 50);
      this.settingsSeq = page.checkpoint.seq;
      for (const doc of page.documents) {
        if ((doc as { id?: unknown }).id !== credentials.deviceId) continue;
        if (await this.options.settings.apply(doc)) {
          this.options.log.info('county settings applied', {
            updatedAt: (doc as { updatedAt?: string }).updatedAt,
          });
          this.publish(this.options.settings.get());
        }
      }
      if (this.failing) this.options.log.info('county reachable again');
      this.failing = false;
    } catch (error) {
      if (error instanceof GatewayRequestError && error.code === 'device_revoked') {
        await this.options.onRevoked();
        return;
      }
      if (!this.failing) this.options.log.warn('heartbeat failed', { error: (error as Error).message });
      this.failing = true;
    }
  }

  async heartbeatBody(): Promise<Heartbeat> {
    const health = this.options.host.health();
    const queue = this.options.queue?.() ?? { documents: 0, files: 0, bytesPending: 0, lastSyncAt: null };
    const disk = await statfs(this.options.dataDir).then(
      (s) => ({
        freeBytes: Number(s.bavail) * Number(s.bsize),
        totalBytes: Number(s.blocks) * Number(s.bsize),
      }),
      () => ({ freeBytes: 0, totalBytes: 0 }),
    );
    return {
      appVersion: this.options.version.slice(0, 40),
      uptimeSeconds: Math.floor(health.uptimeSeconds),
      queue: { documents: queue.documents, files: queue.files, bytesPending: queue.bytesPending },
      devices: Object.fromEntries(
        deviceReports(health, await livePeripherals(this.options.host)).map((d) => [
          d.name,
          { state: d.state, ...(d.detail ? { detail: d.detail.slice(0, 200) } : {}) },
        ]),
      ),
      disk,
      lastSyncAt: queue.lastSyncAt,
    };
  }
}
