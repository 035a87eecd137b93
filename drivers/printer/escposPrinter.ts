import { cmd } from './codec/escposEncoder';
import { conditionOf, parseRealtimeStatus, printerState, StatusStreamParser } from './codec/printerStatus';
import { Listeners } from './listeners';
import { type PrinterLogger, silentLogger } from './logger';
import type { PrinterCondition, PrinterState } from './schemas';
import type { PrinterTransport } from './transports/printerTransport';

export interface EscPosPrinterOptions {
  transport: PrinterTransport;
  logger?: PrinterLogger;
  now?: () => Date;
  /** Status poll while idle, so the kiosk shows "no paper" before anyone tries to print. */
  pollIntervalMs?: number;
  /** How long to wait for each DLE EOT reply before calling the printer offline. */
  replyTimeoutMs?: number;
  /** Retry interval for reopening a lost transport (cable pulled, printer off). */
  reconnectIntervalMs?: number;
  /**
   * Wait after the last job byte left before the closing status check. DLE EOT is answered in real
   * time, even while earlier data is still printing, so on hardware this must cover the print time
   * of a receipt (≈ 1–2 s at 150 mm/s); the simulator processes in order and needs none.
   */
  settleMs?: number;
  /** Longest a job's bytes may take to leave; then the link is reset (default 30 s). */
  writeTimeoutMs?: number;
  /** Ask for GS a automatic status back on every (re)connect (default true). */
  autoStatusBack?: boolean;
}

/** Where a job failed: before any byte was sent (nothing on paper), while sending, or after. */
export type PrintStage = 'before' | 'during' | 'after';

export type PrintOutcome =
  | { ok: true; state: PrinterState }
  | { ok: false; stage: PrintStage; state: PrinterState; reason: PrinterCondition | 'write-error' };

type PrinterEvents = { state: PrinterState };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * An ESC/POS receipt printer: status polling, hot-plug (reopens a lost link), and jobs checked
 * before and after. Faults are states; `print` resolves with an outcome and never throws for them.
 */
export class EscPosPrinter {
  private current: PrinterState;
  private readonly events = new Listeners<PrinterEvents>();
  private readonly statusParser = new StatusStreamParser();
  private readonly log: PrinterLogger;
  private readonly now: () => Date;
  private running = false;
  private pollTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  /** Serialises status checks and jobs: DLE EOT must go between commands, never inside a job. */
  private exclusive: Promise<unknown> = Promise.resolve();
  private waitingReply: ((byte: number) => void) | undefined;
  private readonly unsubscribe: Array<() => void> = [];

  constructor(private readonly opts: EscPosPrinterOptions) {
    this.log = opts.logger ?? silentLogger;
    this.now = opts.now ?? (() => new Date());
    this.current = printerState('offline', this.now());
  }

  get state(): PrinterState {
    return this.current;
  }

  get transportDescription(): string {
    return this.opts.transport.description;
  }

  on(event: 'state', listener: (s: PrinterState) => void): () => void {
    return this.events.on(event, listener);
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const t = this.opts.transport;
    this.unsubscribe.push(
      t.onData((chunk) => this.onBytes(chunk)),
      t.onLost((reason) => {
        this.log.warn('printer link lost', { transport: t.description, reason: reason.message });
        this.setCondition('offline');
        this.scheduleReconnect();
      }),
    );
    await this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.pollTimer);
    clearTimeout(this.reconnectTimer);
    for (const u of this.unsubscribe.splice(0)) u();
    await this.exclusive.catch(() => {});
    await this.opts.transport.close();
  }

  /** Reads DLE EOT 1–4 now and updates the state. */
  checkStatus(): Promise<PrinterState> {
    return this.withLink(() => this.queryStatus());
  }

  /** Sends one job: status before, the bytes, status after. */
  print(bytes: Uint8Array): Promise<PrintOutcome> {
    return this.withLink(async (): Promise<PrintOutcome> => {
      const before = await this.queryStatus();
      if (!before.canPrint) return { ok: false, stage: 'before', state: before, reason: before.condition };
      try {
        await this.writeWithin(bytes, this.opts.writeTimeoutMs ?? 30_000);
      } catch (err) {
        this.log.warn('print write failed', { reason: (err as Error).message });
        const state = this.setCondition('offline');
        return { ok: false, stage: 'during', state, reason: 'write-error' };
      }
      if (this.opts.settleMs) await sleep(this.opts.settleMs);
      const after = await this.queryStatus();
      if (!after.canPrint) return { ok: false, stage: 'after', state: after, reason: after.condition };
      return { ok: true, state: after };
    });
  }

  /**
   * A write that cannot finish (a TCP peer gone silent, a USB printer that stopped taking data)
   * would hold the queue forever; past the limit the link is dropped and reopened from scratch.
   */
  private async writeWithin(bytes: Uint8Array, ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`write did not finish within ${ms} ms`)), ms);
    });
    try {
      await Promise.race([this.opts.transport.write(bytes), timeout]);
    } catch (err) {
      await this.opts.transport.close().catch(() => {});
      this.scheduleReconnect();
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  private withLink<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.exclusive.then(async () => {
      if (!this.opts.transport.isOpen) {
        await this.tryOpen();
      }
      return fn();
    });
    this.exclusive = run.catch(() => {});
    return run;
  }

  private async connect(): Promise<void> {
    await this.withLink(async () => {
      if (this.opts.transport.isOpen) await this.queryStatus();
    }).catch(() => {});
    if (!this.opts.transport.isOpen) this.scheduleReconnect();
    this.schedulePoll();
  }

  private async tryOpen(): Promise<void> {
    try {
      await this.opts.transport.open();
      this.statusParser.reset();
      this.log.info('printer link open', { transport: this.opts.transport.description });
      if (this.opts.autoStatusBack !== false) {
        // Online/offline, error and paper-sensor changes arrive unsolicited; polling stays as the
        // safety net for printers that ignore GS a.
        await this.opts.transport.write(Uint8Array.from(cmd.autoStatusBack(0x0e)));
      }
    } catch (err) {
      this.setCondition('offline');
      this.log.warn('printer link cannot open', { reason: (err as Error).message });
    }
  }

  private scheduleReconnect(): void {
    if (!this.running || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.running) return;
      void this.withLink(async () => {
        if (this.opts.transport.isOpen) await this.queryStatus();
      }).then(() => {
        if (!this.opts.transport.isOpen) this.scheduleReconnect();
      });
    }, this.opts.reconnectIntervalMs ?? 1000);
  }

  private schedulePoll(): void {
    if (!this.running) return;
    this.pollTimer = setTimeout(async () => {
      if (this.opts.transport.isOpen) await this.checkStatus().catch(() => {});
      this.schedulePoll();
    }, this.opts.pollIntervalMs ?? 2000);
  }

  private async queryStatus(): Promise<PrinterState> {
    if (!this.opts.transport.isOpen) return this.setCondition('offline');
    const replies = await this.requestStatusBytes();
    if (!replies) {
      this.log.warn('printer did not answer a status request');
      return this.setCondition('offline');
    }
    try {
      return this.setCondition(conditionOf(parseRealtimeStatus(replies)));
    } catch (err) {
      this.log.warn('printer status reply unreadable', { reason: (err as Error).message });
      return this.setCondition('offline');
    }
  }

  /**
   * DLE EOT 1, 2, 3, 4 in one write: printers queue up to 8 real-time requests and answer in order,
   * so one round trip replaces four.
   */
  private async requestStatusBytes(): Promise<number[] | undefined> {
    const replies: number[] = [];
    const done = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.waitingReply = undefined;
        resolve(false);
      }, this.opts.replyTimeoutMs ?? 1000);
      this.waitingReply = (byte) => {
        if (byte < 0) replies.length = 0;
        else replies.push(byte);
        if (byte >= 0 && replies.length < 4) return;
        clearTimeout(timer);
        this.waitingReply = undefined;
        resolve(byte >= 0);
      };
    });
    try {
      await this.opts.transport.write(
        Uint8Array.from([
          ...cmd.realtimeStatus(1),
          ...cmd.realtimeStatus(2),
          ...cmd.realtimeStatus(3),
          ...cmd.realtimeStatus(4),
        ]),
      );
    } catch {
      this.waitingReply?.(-1);
    }
    return (await done) ? replies : undefined;
  }

  private onBytes(chunk: Buffer): void {
    for (const msg of this.statusParser.push(chunk)) {
      if (msg.kind === 'realtime') this.waitingReply?.(msg.byte);
      else this.setCondition(conditionOf(msg.flags));
    }
  }

  private setCondition(condition: PrinterCondition): PrinterState {
    const changed = condition !== this.current.condition;
    this.current = printerState(condition, this.now());
    if (changed) {
      this.log.info('printer state', { condition, message: this.current.messageEn });
      this.events.emit('state', this.current);
    }
    return this.current;
  }
}
