import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { type FSWatcher, watch } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type DriverLogger, silentLogger, TypedEvents } from '../barcode/typedEvents';
import {
  buildScanArgs,
  DEVICE_LIST_FORMAT,
  parseDeviceList,
  parseScanimageLine,
  parseSourceOptions,
  pickSource,
} from './scanimageCodec';
import {
  type ScannerDevice,
  type ScannerState,
  type ScannerStatus,
  type ScanProgress,
  type ScanRequest,
  ScanRequestSchema,
  scannerState,
} from './schemas';

/** One finished page as the scanner delivered it. Never logged: it is a villager's document. */
export interface ScannedPageImage {
  pageNumber: number;
  image: Buffer;
  mime: 'image/tiff';
  dpi: number;
  mode: 'gray' | 'color';
}

export interface ScanOutcome {
  status: 'completed' | 'cancelled' | 'failed';
  pages: number;
  error?: ScannerStatus;
}

export interface DocumentScannerEvents {
  state: (state: ScannerState) => void;
  progress: (progress: ScanProgress) => void;
  page: (page: ScannedPageImage) => void;
}

export interface DocumentScannerOptions {
  /** Private scratch directory for page files while scanimage writes them (0700). */
  workDir: string;
  scanimagePath?: string;
  /** Extra environment, e.g. SANE_CONFIG_DIR for the test backend. */
  env?: Record<string, string>;
  /** Used when a request names no device; else the first one listed. */
  deviceId?: string;
  /**
   * Backend-specific options appended to every scan, e.g. the test backend's
   * `--test-picture=Grid` or its fault injection `--read-return-value=...`.
   */
  extraScanArgs?: string[];
  /** No output at all for this long means the scanner hung. */
  stallMs?: number;
  logger?: DriverLogger;
}

/**
 * A SANE scanner driven through the `scanimage` CLI: one process per scan job, pages written
 * by `--batch` and picked up as they are finished, progress from `--progress`. Cancelling kills
 * the process; pages completed before that are still delivered. Faults become states.
 */
export class DocumentScanner {
  private readonly events: TypedEvents<DocumentScannerEvents>;
  private readonly log: DriverLogger;
  private readonly sourceCache = new Map<string, string[]>();
  private current: ScannerState = scannerState('stopped');
  private job: { child: ChildProcess; cancelled: boolean } | undefined;

  constructor(private readonly options: DocumentScannerOptions) {
    this.log = options.logger ?? silentLogger;
    this.events = new TypedEvents((err) => this.log.error('scanner listener threw', { error: String(err) }));
  }

  get state(): ScannerState {
    return this.current;
  }

  on<K extends keyof DocumentScannerEvents>(event: K, listener: DocumentScannerEvents[K]): () => void {
    return this.events.on(event, listener);
  }

  /** Looks for scanners and settles on idle or no-scanner. */
  async start(): Promise<void> {
    await this.refresh();
  }

  async stop(): Promise<void> {
    await this.cancel();
    this.setState('stopped');
  }

  async refresh(): Promise<ScannerDevice[]> {
    const devices = await this.listDevices();
    if (!this.job) this.setState(devices.length > 0 ? 'idle' : 'no-scanner');
    return devices;
  }

  async listDevices(): Promise<ScannerDevice[]> {
    try {
      const stdout = await this.run(['--formatted-device-list', DEVICE_LIST_FORMAT], 30_000);
      return parseDeviceList(stdout);
    } catch (err) {
      this.log.warn('scanner enumeration failed', { error: String(err) });
      return [];
    }
  }

  /** Kill the running job, if any, and wait until it has ended. */
  async cancel(): Promise<void> {
    const job = this.job;
    if (!job) return;
    job.cancelled = true;
    this.setState('cancelling');
    const exited = new Promise((r) => job.child.once('close', r));
    job.child.kill('SIGTERM'); // scanimage calls sane_cancel on SIGTERM
    const hard = setTimeout(() => job.child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(hard);
  }

  /**
   * Scan one flatbed page or an ADF batch. `onPage` is awaited before the promise resolves, so
   * when it returns every delivered page has been handled (stored) by the caller.
   */
  async scan(input: ScanRequest, onPage?: (page: ScannedPageImage) => Promise<void>): Promise<ScanOutcome> {
    if (this.job) return { status: 'failed', pages: 0, error: 'busy' };
    const request = ScanRequestSchema.parse(input);
    const deviceId = request.deviceId ?? this.options.deviceId ?? (await this.listDevices())[0]?.id;
    if (!deviceId) {
      this.setState('no-scanner');
      return { status: 'failed', pages: 0, error: 'no-scanner' };
    }
    const sources = await this.sources(deviceId);
    const sourceName = pickSource(sources, request.source);
    if (request.source === 'adf' && !sourceName) {
      this.setState('fault', 'this scanner has no document feeder', deviceId);
      return { status: 'failed', pages: 0, error: 'fault' };
    }

    await mkdir(this.options.workDir, { recursive: true, mode: 0o700 });
    const dir = await mkdtemp(join(this.options.workDir, 'scan-'));
    const pagePath = (n: number) => join(dir, `page-${n}.tif`);
    const args = [
      ...buildScanArgs(request, { deviceId, batchPattern: join(dir, 'page-%d.tif'), sourceName }),
      ...(this.options.extraScanArgs ?? []),
    ];
    const child = spawn(this.options.scanimagePath ?? 'scanimage', args, {
      env: { ...process.env, ...this.options.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const job = { child, cancelled: false };
    this.job = job;
    this.setState('scanning', undefined, deviceId);
    this.log.info('scan started', {
      deviceId,
      source: request.source,
      resolution: request.resolution,
      mode: request.mode,
    });

    let error: { status: ScannerStatus; text: string } | undefined;
    let feederEmpty = false;
    let delivered = 0;
    let lastPercentStep = -1;
    let currentPage = 0;
    const finished = new Set<number>(); // reported done by scanimage, file maybe not renamed yet
    const failures: unknown[] = [];

    const deliver = async (n: number) => {
      const image = await readFile(pagePath(n));
      await rm(pagePath(n), { force: true });
      delivered++;
      const page: ScannedPageImage = {
        pageNumber: n,
        image,
        mime: 'image/tiff',
        dpi: request.resolution,
        mode: request.mode,
      };
      this.events.emit('page', page);
      if (onPage) await onPage(page);
    };
    // scanimage prints "Scanned page N" before it closes and renames the file, so a page is
    // picked up when its final name appears. One queue keeps pages in order and handled one by one.
    let queue = Promise.resolve();
    const collectReady = () => {
      queue = queue.then(async () => {
        for (const n of [...finished].sort((a, b) => a - b)) {
          const ready = await stat(pagePath(n)).then(
            () => true,
            () => false,
          );
          if (!ready) break;
          finished.delete(n);
          await deliver(n).catch((err) => failures.push(err));
        }
      });
      return queue;
    };
    let watcher: FSWatcher | undefined;
    try {
      watcher = watch(dir, () => void collectReady());
    } catch {
      // without a watcher the pages are still collected when the process exits
    }

    let stallTimer: NodeJS.Timeout | undefined;
    const armStall = () => {
      clearTimeout(stallTimer);
      stallTimer = setTimeout(() => {
        error ??= { status: 'fault', text: 'scanner stopped responding' };
        child.kill('SIGKILL');
      }, this.options.stallMs ?? 60_000);
    };
    armStall();

    let pending = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      armStall();
      pending += chunk;
      const lines = pending.split(/[\r\n]/);
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const event = parseScanimageLine(line);
        if (!event) continue;
        switch (event.type) {
          case 'page-start':
            currentPage = event.page;
            lastPercentStep = -1;
            this.events.emit('progress', { pageNumber: currentPage, percent: 0 });
            break;
          case 'progress': {
            const step = Math.floor(event.percent / 5); // 5 % steps are plenty for a progress bar
            if (currentPage > 0 && step !== lastPercentStep) {
              lastPercentStep = step;
              this.events.emit('progress', { pageNumber: currentPage, percent: event.percent });
            }
            break;
          }
          case 'page-done':
            this.events.emit('progress', { pageNumber: event.page, percent: 100 });
            finished.add(event.page);
            void collectReady();
            break;
          case 'feeder-empty':
            feederEmpty = true;
            break;
          case 'error':
            error ??= { status: event.status, text: event.text };
            break;
          case 'batch-end':
            break;
        }
      }
    });

    const exit = await new Promise<{
      code: number | null;
      signal: NodeJS.Signals | null;
      spawnError?: Error;
    }>((resolve) => {
      child.once('error', (spawnError) => resolve({ code: null, signal: null, spawnError }));
      child.once('close', (code, signal) => resolve({ code, signal }));
    });
    clearTimeout(stallTimer);
    watcher?.close();
    await collectReady();
    this.job = undefined;
    await rm(dir, { recursive: true, force: true });

    const handlerFailure = failures[0];
    if (handlerFailure)
      this.log.error('a scanned page could not be handled', { error: String(handlerFailure) });

    if (exit.spawnError) {
      this.setState('fault', `scanimage could not run: ${exit.spawnError.message}`, deviceId);
      return { status: 'failed', pages: delivered, error: 'fault' };
    }
    if (job.cancelled) {
      this.log.info('scan cancelled', { deviceId, pages: delivered });
      this.setState('idle', undefined, deviceId);
      return { status: 'cancelled', pages: delivered };
    }
    if (!error && feederEmpty && delivered === 0) error = { status: 'no-paper', text: 'feeder empty' };
    if (!error && exit.code !== 0 && !(feederEmpty && delivered > 0)) {
      error = { status: 'fault', text: `scanimage exited with ${exit.code ?? exit.signal}` };
    }
    if (!error && handlerFailure) error = { status: 'fault', text: 'page could not be stored' };
    if (error) {
      this.log.warn('scan failed', { deviceId, status: error.status, detail: error.text, pages: delivered });
      this.setState(error.status, error.text, deviceId);
      return { status: 'failed', pages: delivered, error: error.status };
    }
    this.log.info('scan completed', { deviceId, pages: delivered });
    this.setState('idle', undefined, deviceId);
    return { status: 'completed', pages: delivered };
  }

  private async sources(deviceId: string): Promise<string[]> {
    let sources = this.sourceCache.get(deviceId);
    if (!sources) {
      try {
        sources = parseSourceOptions(await this.run([`--device-name=${deviceId}`, '-A'], 30_000));
      } catch (err) {
        this.log.warn('scanner options could not be read', { deviceId, error: String(err) });
        sources = [];
      }
      this.sourceCache.set(deviceId, sources);
    }
    return sources;
  }

  private run(args: string[], timeout: number): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(
        this.options.scanimagePath ?? 'scanimage',
        args,
        { env: { ...process.env, ...this.options.env }, timeout, maxBuffer: 4 << 20 },
        (err, stdout) => (err ? reject(err) : resolve(stdout)),
      );
    });
  }

  private setState(status: ScannerStatus, detail?: string, deviceId?: string): void {
    if (this.current.status === status && !detail && this.current.deviceId === deviceId) return;
    this.current = scannerState(status, detail, deviceId);
    this.events.emit('state', this.current);
  }
}
