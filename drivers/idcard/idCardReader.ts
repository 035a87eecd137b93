import { buildIdCard } from './cardEventBuilder';
import { type DriverLogger, maskIdNumber, maskName, silentLogger } from './driverLogger';
import { noPhotoDecoder, type PhotoDecoder } from './photoDecoder';
import { isDeadSam, ReadAbandoned, readErrorEvent, samFaultReason } from './readerErrors';
import { readerStates } from './readerStates';
import { SamClient } from './samClient';
import { type SamCommand, SamCommands } from './samCommands';
import { formatSamId, parseBaseInfo, type SamResponse } from './samResponse';
import { SamDisconnectedError, SamStatusError, SamTimeoutError } from './samStatus';
import type { SamTransport, TransportOpener } from './samTransport';
import type { IdCardEvent, IdCardReadError, ReaderState } from './schemas';
import { TypedListeners } from './typedListeners';
import { decodeUcs2Field } from './ucs2Text';

export interface IdCardReaderOptions {
  openTransport: TransportOpener;
  logger?: DriverLogger;
  /** Time between find polls when no card is being read. */
  pollIntervalMs?: number;
  /** Wait after connecting before talking to the SAM (spec: 2000 ms). */
  samPowerUpMs?: number;
  /** Wait between attempts to (re)open a missing reader. */
  reconnectIntervalMs?: number;
  /** Extra select+read attempts after a failed read of one presentation. */
  readRetries?: number;
  /** Consecutive unanswered polls before the state becomes fault(not-responding). */
  silentPollsBeforeFault?: number;
  /** Override vendor timeouts by command name (e.g. { 'read-base': 3500 }). */
  timeouts?: Partial<Record<string, number>>;
  /** Use 0x30 0x10 (text+photo+fingerprint) instead of 0x30 0x01; fingerprints are dropped. */
  useFingerprintRead?: boolean;
  /** Ask for the latest appended address (0x30 0x03) after each read. Default true. */
  readAppendedAddress?: boolean;
  photoDecoder?: PhotoDecoder;
  now?: () => Date;
}

export interface IdCardReaderEvents {
  state: ReaderState;
  card: IdCardEvent;
  removed: { type: 'removed' };
  'read-error': IdCardReadError;
}

class SessionEnded extends Error {}

/**
 * The reader state machine: connect → SAM power-up wait → status → poll find; on a card,
 * select → read (bounded retries) → one `card` event; then watch with find/select until the
 * card is taken away → `removed`. Faults are states, never exceptions out of this class.
 */
export class IdCardReader {
  private current: ReaderState = readerStates.stopped();
  private readonly events = new TypedListeners<IdCardReaderEvents>((event, err) =>
    this.o.logger.error('idcard: listener threw', { event, error: (err as Error)?.message }),
  );
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private client: SamClient | null = null;
  /** A card was read and is (as far as we know) still lying on the reader. */
  private presented = false;
  /** SW3 name of the card find keeps rejecting, so its read-error is reported once. */
  private rejectedCard: string | null = null;
  private readonly o: Required<Omit<IdCardReaderOptions, 'timeouts'>> & {
    timeouts: Partial<Record<string, number>>;
  };

  constructor(options: IdCardReaderOptions) {
    this.o = {
      logger: silentLogger,
      pollIntervalMs: 250,
      samPowerUpMs: 2000,
      reconnectIntervalMs: 1000,
      readRetries: 2,
      silentPollsBeforeFault: 3,
      timeouts: {},
      useFingerprintRead: false,
      readAppendedAddress: true,
      photoDecoder: noPhotoDecoder,
      now: () => new Date(),
      ...options,
    };
  }

  get state(): ReaderState {
    return this.current;
  }

  on<K extends keyof IdCardReaderEvents>(
    event: K,
    listener: (value: IdCardReaderEvents[K]) => void,
  ): () => void {
    return this.events.on(event, listener);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.client?.fail(new SamDisconnectedError('reader stopped'));
    this.wake?.();
    await this.loop;
    this.loop = null;
    this.setState(readerStates.stopped());
  }

  private async run(): Promise<void> {
    while (this.running) {
      let transport: SamTransport;
      try {
        transport = await this.o.openTransport();
      } catch (err) {
        if (this.current.status !== 'no-reader') {
          this.o.logger.warn('idcard: reader not available', { error: (err as Error).message });
        }
        this.setState(readerStates.noReader());
        await this.sleep(this.o.reconnectIntervalMs);
        continue;
      }
      if (!this.running) {
        await transport.close().catch(() => undefined);
        break;
      }
      this.o.logger.info('idcard: reader connected', { transport: transport.description });
      const client = new SamClient(transport, {
        logger: this.o.logger,
        timeoutFor: (c) => this.o.timeouts[c.name] ?? c.timeoutMs,
      });
      this.client = client;
      const unsubscribe = transport.onDisconnect(() => this.wake?.());
      try {
        await this.session(client);
      } catch (err) {
        if (!(err instanceof SessionEnded || err instanceof SamDisconnectedError)) {
          this.o.logger.error('idcard: unexpected error in reader loop', { error: (err as Error).message });
        }
      } finally {
        unsubscribe();
        client.dispose();
        this.client = null;
        await transport.close().catch(() => undefined);
      }
      if (this.presented) {
        this.presented = false;
        this.emit('removed', { type: 'removed' });
      }
      if (this.running) {
        this.o.logger.warn('idcard: reader disconnected', { transport: transport.description });
        this.setState(readerStates.noReader());
        await this.sleep(this.o.reconnectIntervalMs);
      }
    }
  }

  /** Runs until the link drops or stop() is called (both end in SamDisconnectedError). */
  private async session(client: SamClient): Promise<void> {
    this.setState(readerStates.connecting());
    await this.sleep(this.o.samPowerUpMs);
    this.ensureAlive();
    let silent = 0;
    let healthy = false;
    while (this.running) {
      try {
        if (!healthy) {
          // A SAM that failed its self-test may come back after a reset (0x10).
          if (this.current.status === 'fault' && this.current.reason === 'sam-self-test-failed') {
            await this.exchange(client, SamCommands.reset).catch(() => undefined);
          }
          await this.exchange(client, SamCommands.status);
          healthy = true;
          silent = 0;
          await this.logSamId(client);
          this.setState(readerStates.ready());
        }
        await this.poll(client);
        silent = 0;
      } catch (err) {
        if (err instanceof SamDisconnectedError) throw err;
        const fault = this.classify(err);
        if (fault === 'sam') healthy = false;
        else if (err instanceof SamTimeoutError && ++silent >= this.o.silentPollsBeforeFault) {
          healthy = false;
          this.setState(readerStates.fault('not-responding'));
        }
      }
      await this.sleep(healthy ? this.o.pollIntervalMs : this.o.reconnectIntervalMs);
      this.ensureAlive();
    }
  }

  /** The SAM id identifies the reader module for IT staff (no personal data). */
  private async logSamId(client: SamClient): Promise<void> {
    try {
      const r = await this.exchange(client, SamCommands.samId);
      this.o.logger.info('idcard: SAM ready', {
        samId: formatSamId(r.data),
        transport: client.transport.description,
      });
    } catch (err) {
      if (err instanceof SamDisconnectedError) throw err;
      this.o.logger.warn('idcard: SAM id unavailable', { error: (err as Error).message });
    }
  }

  private async poll(client: SamClient): Promise<void> {
    let find: SamResponse;
    try {
      find = await this.exchangeStatus(client, SamCommands.find, [0x80]);
    } catch (err) {
      // A card the SAM rejects (bank card: 0x40; failed authentication 0x31–0x33): tell the
      // villager once while it lies there, not on every poll.
      if (err instanceof SamStatusError && !err.info.forIt && err.info.name !== this.rejectedCard) {
        this.rejectedCard = err.info.name;
        this.emit('read-error', readErrorEvent(err));
      }
      throw err;
    }
    this.rejectedCard = null;
    if (find.sw3 === 0x9f) {
      if (this.presented) {
        // A fresh find while we thought a card was lying there: it was swapped quickly.
        this.presented = false;
        this.emit('removed', { type: 'removed' });
      }
      await this.readCard(client);
      return;
    }
    if (!this.presented) return;
    // Find fails for a card already read; select tells "still there" from "taken away".
    const select = await this.exchangeStatus(client, SamCommands.select, [0x81]);
    if (select.sw3 === 0x81) {
      this.presented = false;
      this.emit('removed', { type: 'removed' });
    }
  }

  private async readCard(client: SamClient): Promise<void> {
    this.setState(readerStates.reading());
    const started = performance.now();
    let lastError: unknown;
    for (let attempt = 0; attempt <= this.o.readRetries; attempt++) {
      try {
        if (attempt > 0) {
          // After a failed read the card may be halted (find 0x80) yet still present: select decides.
          await this.exchangeStatus(client, SamCommands.find, [0x80]);
          const sel = await this.exchangeStatus(client, SamCommands.select, [0x81]);
          if (sel.sw3 === 0x81) {
            lastError = new ReadAbandoned('card-removed');
            break;
          }
        } else {
          await this.exchange(client, SamCommands.select);
        }
        const readCmd = this.o.useFingerprintRead
          ? SamCommands.readBaseWithFingerprint
          : SamCommands.readBase;
        const base = parseBaseInfo((await this.exchange(client, readCmd)).data, this.o.useFingerprintRead);
        const appended = await this.appendedAddress(client);
        const card = await buildIdCard(base.text, base.wlt, appended, {
          now: this.o.now(),
          photoDecoder: this.o.photoDecoder,
          logger: this.o.logger,
        });
        this.presented = true;
        this.setState(readerStates.ready());
        const event: IdCardEvent = {
          type: 'card',
          card,
          readAt: this.o.now().toISOString(),
          readMs: Math.round(performance.now() - started),
        };
        this.o.logger.info('idcard: card read', {
          cardType: card.cardType,
          name: maskName(card.name),
          idNumber: maskIdNumber(card.idNumber),
          warnings: card.warnings,
          attempts: attempt + 1,
          readMs: event.readMs,
        });
        this.emit('card', event);
        return;
      } catch (err) {
        if (err instanceof SamDisconnectedError) {
          this.emit('read-error', readErrorEvent(err, 'reader-disconnected'));
          throw err;
        }
        if (this.classify(err) === 'sam') throw err;
        lastError = err;
        this.o.logger.warn('idcard: read attempt failed', {
          attempt: attempt + 1,
          error: (err as Error).message,
        });
      }
    }
    this.emit('read-error', readErrorEvent(lastError));
    if (this.current.status === 'reading') this.setState(readerStates.ready());
  }

  private async appendedAddress(client: SamClient): Promise<string | null> {
    if (!this.o.readAppendedAddress) return null;
    try {
      const r = await this.exchange(client, SamCommands.readAppendedAddress);
      if (r.sw3 === 0x91) return null;
      return decodeUcs2Field(r.data, 0, 70) || null;
    } catch (err) {
      if (err instanceof SamDisconnectedError) throw err;
      // Only a dead SAM stops the read here. A reader without 0x30 0x03 (0x21) or a flaky reply
      // is no fault: the printed address is still right for most people, so use it.
      if (isDeadSam(err)) throw err;
      this.o.logger.warn('idcard: appended address unavailable', { error: (err as Error).message });
      return null;
    }
  }

  /** 'sam' for SAM faults IT must fix (the state becomes fault); other errors are per-read. */
  private classify(err: unknown): 'sam' | 'other' {
    const reason = samFaultReason(err);
    if (!reason) return 'other';
    if (this.current.status !== 'fault') {
      this.o.logger.error('idcard: SAM fault', { error: (err as Error).message });
    }
    this.setState(
      readerStates.fault(reason, reason === 'protocol-error' ? (err as Error).message : undefined),
    );
    return 'sam';
  }

  private exchange(client: SamClient, command: SamCommand): Promise<SamResponse> {
    return client.exchange(command);
  }

  /** Like exchange, but `alsoOk` status codes are answers, not errors. */
  private async exchangeStatus(
    client: SamClient,
    command: SamCommand,
    alsoOk: number[],
  ): Promise<SamResponse> {
    return client.exchange({ ...command, okStatus: [...command.okStatus, ...alsoOk] });
  }

  private ensureAlive(): void {
    if (!this.running) throw new SessionEnded();
  }

  private setState(state: ReaderState): void {
    const prev = this.current;
    if (prev.status === state.status && prev.messageEn === state.messageEn) return;
    this.current = state;
    if (state.status === 'fault') this.o.logger.error(`idcard: ${state.messageEn}`);
    this.emit('state', state);
  }

  private emit<K extends keyof IdCardReaderEvents>(event: K, value: IdCardReaderEvents[K]): void {
    this.events.emit(event, value);
  }

  /** Interruptible wait: stop() and a disconnect end it early. */
  private sleep(ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        if (self.wake === done) self.wake = null;
        resolve();
      }
      this.wake = done;
    });
  }
}
