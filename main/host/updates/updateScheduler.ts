// Checks the county feed on a schedule, downloads an admitted release in the background under the
// bandwidth cap, and hands the verified file to the Installer only when the point is closed and no
// session is running. Every failure ends in a status, never in an exception out of a timer: the
// running version keeps working whatever the network or the county serves.
import type { KeyObject } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { OpeningHours } from './openingHours';
import { isReleaseSignatureValid } from './releaseSignatureCheck';
import type { DeviceIdentity } from './rollout';
import { downloadVerified } from './updateDownload';
import { fetchOfferedUpdate, type OfferedUpdate, type PackageKind, type UpdatePlatform } from './updateFeed';
import { decideInstall, decideTake } from './updatePolicy';

export interface DownloadedUpdate {
  version: string;
  releaseDate: string;
  packageKind: PackageKind;
  /** Verified local file. */
  path: string;
  fileName: string;
  /** SHA-512 of the file, base64 (as in the metadata) and hex (as the deb root helper wants it). */
  sha512: string;
  sha512Hex: string;
  /** Ed25519 release signature over the sha512, when the release was signed (the deb helper needs it). */
  signature?: string | undefined;
}

/** The platform side (Electron adapter, deb root helper) that replaces the running version. */
export interface Installer {
  /**
   * Installs `update` and restarts the app into it. Called only outside opening hours with no
   * session active. If it rejects, nothing must have changed: the running version stays.
   */
  installAndRestart(update: DownloadedUpdate): Promise<void>;
}

export type UpdateState = 'idle' | 'checking' | 'downloading' | 'ready' | 'installing' | 'error';
export interface UpdateStatus {
  state: UpdateState;
  currentVersion: string;
  /** The release being downloaded, waiting or installing. */
  version?: string | undefined;
  /** Why the last check did not take the offered release, or why a ready update waits. */
  waitingFor?: string | undefined;
  lastCheck?: string | undefined;
  lastError?: string | undefined;
}

export interface UpdateSchedulerOptions {
  /** The county gateway's update folder, e.g. https://county.example/updates/ */
  feedUrl: string;
  channel?: string;
  platform: UpdatePlatform;
  device: DeviceIdentity;
  currentVersion: string;
  /** A folder used only for update downloads: files of other releases in it are deleted. */
  downloadDir: string;
  /** Background download cap in bytes per second (0/undefined = uncapped). */
  bytesPerSecond?: number;
  hours: OpeningHours;
  installMarginMinutes?: number;
  /** Between feed checks; default 4 hours, with ±10 % jitter so a county's kiosks spread out. */
  checkIntervalMs?: number;
  /** How often a downloaded update looks for its install window; default 5 minutes. */
  installPollMs?: number;
  /** Install attempts per version before giving up on it until a newer one appears. */
  maxInstallAttempts?: number;
  /**
   * The county's release public key. When set, only releases whose metadata carries a valid
   * signature for the downloaded file are installed.
   */
  releasePublicKey?: KeyObject;
  isSessionActive(): boolean;
  installer: Installer;
  now?: () => Date;
  random?: () => number;
  onStatus?: (status: UpdateStatus) => void;
}

const hours4 = 4 * 60 * 60 * 1000;

export class UpdateScheduler {
  private status: UpdateStatus;
  private ready: DownloadedUpdate | undefined;
  private readonly attempts = new Map<string, number>();
  private readonly givenUp = new Set<string>();
  private checkTimer: NodeJS.Timeout | undefined;
  private installTimer: NodeJS.Timeout | undefined;
  private busy: Promise<unknown> = Promise.resolve();
  private abort = new AbortController();
  private readonly now: () => Date;

  constructor(private readonly options: UpdateSchedulerOptions) {
    this.status = { state: 'idle', currentVersion: options.currentVersion };
    this.now = options.now ?? (() => new Date());
  }

  get current(): UpdateStatus {
    return { ...this.status };
  }

  start(): void {
    this.abort = new AbortController();
    this.scheduleCheck(0);
    this.installTimer = setInterval(() => void this.tryInstall(), this.options.installPollMs ?? 5 * 60_000);
    this.installTimer.unref();
  }

  stop(): void {
    clearTimeout(this.checkTimer);
    clearInterval(this.installTimer);
    this.checkTimer = undefined;
    this.installTimer = undefined;
    this.abort.abort();
  }

  private scheduleCheck(delayMs: number): void {
    this.checkTimer = setTimeout(() => {
      void this.checkNow().finally(() => {
        if (this.checkTimer === undefined) return; // stopped meanwhile
        const interval = this.options.checkIntervalMs ?? hours4;
        const jitter = 1 + ((this.options.random ?? Math.random)() * 0.2 - 0.1);
        this.scheduleCheck(interval * jitter);
      });
    }, delayMs);
    this.checkTimer.unref();
  }

  private setStatus(patch: Partial<UpdateStatus>): UpdateStatus {
    this.status = { ...this.status, ...patch };
    this.options.onStatus?.({ ...this.status });
    return { ...this.status };
  }

  /** One check → (maybe) download → (maybe) install. Serialised: overlapping calls queue up. */
  checkNow(): Promise<UpdateStatus> {
    const run = this.busy.then(() => this.check());
    this.busy = run.catch(() => undefined);
    return run;
  }

  private async check(): Promise<UpdateStatus> {
    const o = this.options;
    this.setStatus({ state: this.ready ? 'ready' : 'checking', lastCheck: this.now().toISOString() });
    let offer: OfferedUpdate | undefined;
    try {
      offer = await fetchOfferedUpdate(o.feedUrl, o.channel ?? 'latest', o.platform, this.abort.signal);
    } catch (error) {
      return this.setStatus({
        state: this.ready ? 'ready' : 'error',
        lastError: `check failed: ${messageOf(error)}`,
      });
    }
    if (!offer)
      return this.setStatus({
        state: this.ready ? 'ready' : 'idle',
        waitingFor: 'no release on the channel',
      });
    const take = decideTake({
      currentVersion: o.currentVersion,
      offeredVersion: offer.version,
      rollout: offer.rollout,
      device: o.device,
      givenUp: this.givenUp,
    });
    if (!take.take) {
      // A paused or narrowed rollout also withdraws an update already downloaded but not installed.
      if (this.ready?.version === offer.version && take.reason !== 'failed-before') this.ready = undefined;
      return this.setStatus({
        state: this.ready ? 'ready' : 'idle',
        version: this.ready?.version,
        waitingFor: take.reason,
      });
    }
    if (this.ready?.version !== offer.version) {
      this.setStatus({ state: 'downloading', version: offer.version, waitingFor: undefined });
      try {
        if (
          o.releasePublicKey &&
          !isReleaseSignatureValid(offer.artifact.sha512, offer.artifact.signature, o.releasePublicKey)
        ) {
          // Checked before downloading: the signature covers the sha512 the download is verified against.
          throw new Error(`release ${offer.version} is not signed with the county's release key`);
        }
        const path = await downloadVerified(offer.artifact, {
          dir: o.downloadDir,
          bytesPerSecond: o.bytesPerSecond,
          signal: this.abort.signal,
        });
        this.ready = {
          version: offer.version,
          releaseDate: offer.releaseDate,
          packageKind: o.platform.packageKind,
          path,
          fileName: offer.artifact.fileName,
          sha512: offer.artifact.sha512,
          // downloadVerified checked the file against this digest.
          sha512Hex: Buffer.from(offer.artifact.sha512, 'base64').toString('hex'),
          signature: offer.artifact.signature,
        };
      } catch (error) {
        return this.setStatus({ state: 'error', lastError: `download failed: ${messageOf(error)}` });
      }
      await removeOtherDownloads(o.downloadDir, offer.artifact.fileName);
      this.setStatus({ state: 'ready', version: offer.version, lastError: undefined });
    }
    return this.tryInstall();
  }

  /** Installs the ready update if the policy allows it now; otherwise reports what it waits for. */
  async tryInstall(): Promise<UpdateStatus> {
    const update = this.ready;
    if (!update || this.status.state === 'installing') return this.current;
    const decision = decideInstall({
      hours: this.options.hours,
      now: this.now(),
      sessionActive: this.options.isSessionActive(),
      marginMinutes: this.options.installMarginMinutes,
    });
    if (!decision.install) return this.setStatus({ state: 'ready', waitingFor: decision.reason });
    this.setStatus({ state: 'installing', waitingFor: undefined });
    try {
      await this.options.installer.installAndRestart(update);
      return this.setStatus({ state: 'installing' });
    } catch (error) {
      const attempts = (this.attempts.get(update.version) ?? 0) + 1;
      this.attempts.set(update.version, attempts);
      if (attempts >= (this.options.maxInstallAttempts ?? 3)) {
        this.givenUp.add(update.version);
        this.ready = undefined;
      }
      return this.setStatus({
        state: this.ready ? 'ready' : 'error',
        lastError: `install of ${update.version} failed (attempt ${attempts}): ${messageOf(error)}`,
      });
    }
  }
}

/** Older releases and abandoned partial files would otherwise fill a small kiosk disk over the years. */
async function removeOtherDownloads(dir: string, keep: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names.filter((n) => n !== keep).map((n) => rm(join(dir, n), { force: true, recursive: true })),
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
