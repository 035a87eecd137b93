import type { DriverLogger } from './driverLogger';
import { encodeCommand, type SamCommand } from './samCommands';
import { SamDeframer } from './samDeframer';
import type { SamFrame } from './samFrame';
import { parseResponse, type SamResponse } from './samResponse';
import { SamDisconnectedError, SamResponseError, SamStatusError, SamTimeoutError } from './samStatus';
import type { SamTransport } from './samTransport';

export interface SamClientOptions {
  logger: DriverLogger;
  /** Per-command timeout override (tests shorten them; production keeps the vendor values). */
  timeoutFor?: (command: SamCommand) => number;
  /**
   * After a corrupt reply (bad checksum, cut short) wait this long for a clean one before
   * failing, instead of sitting out a 3.5 s read timeout.
   */
  corruptGraceMs?: number;
}

interface Pending {
  command: SamCommand;
  resolve(frame: SamFrame): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * One request, one reply, over any transport. Serialises exchanges, times them out, fails fast
 * on a corrupt reply and turns a non-success SW3 into a typed SamStatusError.
 */
export class SamClient {
  private readonly deframer = new SamDeframer();
  private pending: Pending | null = null;
  private closedError: Error | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly unsubscribe: Array<() => void> = [];

  constructor(
    readonly transport: SamTransport,
    private readonly options: SamClientOptions,
  ) {
    this.unsubscribe.push(transport.onData((chunk) => this.onData(chunk)));
    this.unsubscribe.push(
      transport.onDisconnect((err) =>
        this.fail(new SamDisconnectedError(err?.message ?? 'reader disconnected')),
      ),
    );
  }

  /** Sends `command` and resolves with its reply when SW3 is one of the command's OK codes. */
  exchange(command: SamCommand): Promise<SamResponse> {
    const run = this.queue.then(() => this.exchangeNow(command));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Marks the link dead: pending and future exchanges fail with `err`. */
  fail(err: Error): void {
    this.closedError ??= err;
    const p = this.pending;
    if (p) {
      this.pending = null;
      clearTimeout(p.timer);
      p.reject(err);
    }
  }

  dispose(): void {
    for (const u of this.unsubscribe.splice(0)) u();
    this.fail(new SamDisconnectedError('client disposed'));
  }

  private async exchangeNow(command: SamCommand): Promise<SamResponse> {
    if (this.closedError) throw this.closedError;
    // Anything still buffered belongs to an earlier, abandoned exchange.
    this.deframer.reset();
    const timeoutMs = this.options.timeoutFor?.(command) ?? command.timeoutMs;
    const frame = await new Promise<SamFrame>((resolve, reject) => {
      const timer = setTimeout(() => this.timeout(), timeoutMs);
      this.pending = { command, resolve, reject, timer };
      this.transport.send(encodeCommand(command)).catch((err: Error) => {
        this.fail(new SamDisconnectedError(`write failed: ${err.message}`));
      });
    });
    const response = parseResponse(frame);
    if (!command.okStatus.includes(response.sw3)) {
      throw new SamStatusError(response.sw3, command.name, response.sw1, response.sw2);
    }
    return response;
  }

  private timeout(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    const dropped = this.deframer.flush();
    const frame = dropped.find((e) => e.kind === 'frame');
    if (frame?.kind === 'frame') {
      p.resolve(frame.frame);
      return;
    }
    p.reject(
      new SamTimeoutError(p.command.name, this.options.timeoutFor?.(p.command) ?? p.command.timeoutMs),
    );
  }

  private onData(chunk: Uint8Array): void {
    for (const ev of this.deframer.push(chunk)) {
      const p = this.pending;
      if (ev.kind === 'frame') {
        if (!p) {
          this.options.logger.warn('idcard: reply with no request pending, dropped', {
            bytes: ev.frame.bytes.length,
          });
          continue;
        }
        this.pending = null;
        clearTimeout(p.timer);
        p.resolve(ev.frame);
        continue;
      }
      this.options.logger.warn('idcard: discarded bytes from reader', { reason: ev.reason, bytes: ev.bytes });
      if (p && (ev.reason === 'bad-checksum' || ev.reason === 'truncated')) {
        clearTimeout(p.timer);
        p.timer = setTimeout(() => {
          if (this.pending !== p) return;
          this.pending = null;
          this.deframer.reset();
          p.reject(new SamResponseError(`${p.command.name}: corrupt reply (${ev.reason})`));
        }, this.options.corruptGraceMs ?? 100);
      }
    }
  }
}
