import type { z } from 'zod';
import { SamDeframer } from '../samDeframer';
import { buildSamFrame } from '../samFrame';
import { SimulatorFaultSchema } from '../schemas';
import {
  type CardFixture,
  encodeFixtureText,
  findFixture,
  fixtureAppendedAddress,
  fixtureWlt,
} from './cardFixtures';

/** Faults a person or a test can inject (the list lives in schemas so the demo UI shares it). */
export type SimulatorFault = z.infer<typeof SimulatorFaultSchema>;

export const SIMULATOR_FAULTS: readonly SimulatorFault[] = SimulatorFaultSchema.options;

export type FaultTarget = 'next' | 'read';

/** Simulated SAM processing time per command, before the reply's first byte. */
export interface SamDelays {
  find: number;
  select: number;
  read: number;
  other: number;
}

export interface SimulatorReply {
  bytes: Uint8Array;
  /** Processing time before the first byte goes out. */
  delayMs: number;
  /** Set baud (0x60): the line switches to this rate once this reply has gone out. */
  baudAfter?: number;
}

type CardPhase = 'fresh' | 'found' | 'selected' | 'halted';

/**
 * The reader's behaviour (reference §12) with no I/O: request bytes in, reply bytes out.
 * A card lies on the reader as fresh → found → selected → halted; once read it is halted and
 * find answers 0x80 until it is taken away, so each presentation is read once.
 */
export class SamCardSimulator {
  private readonly deframer = new SamDeframer();
  private card: { fixture: CardFixture; phase: CardPhase } | null = null;
  private samFault: 0x60 | 0x66 | null = null;
  /** One-shot faults, each armed for the next reply or for the next base read only. */
  private oneShot = new Map<SimulatorFault, FaultTarget>();
  /** How many base reads were answered successfully (tests check "one read per presentation"). */
  readsServed = 0;
  /** Every well-formed request answered or dropped (tests wait for "the host has polled again"). */
  requestsSeen = 0;
  /** Older SAM firmware rejects 0x30 0x03 as an unknown command (0x21). */
  supportsAppendedAddress = true;

  constructor(readonly delays: SamDelays = { find: 2, select: 2, read: 60, other: 1 }) {}

  placeCard(fixture: CardFixture | string): void {
    const f = typeof fixture === 'string' ? findFixture(fixture) : fixture;
    this.card = { fixture: f, phase: 'fresh' };
  }

  removeCard(): void {
    this.card = null;
  }

  /** The reader lost power (unplugged): a card still lying there must be found afresh. */
  powerCycle(): void {
    if (this.card) this.card.phase = 'fresh';
    this.deframer.reset();
  }

  get cardPresent(): boolean {
    return this.card !== null;
  }

  /**
   * `target` 'read' holds a line fault (bad checksum, timeout, garbage) back until the next base
   * read, so a test can hit the long reply rather than whichever poll comes first.
   */
  injectFault(kind: SimulatorFault, target: FaultTarget = 'next'): void {
    if (kind === 'sam-unauthorised') this.samFault = 0x66;
    else if (kind === 'sam-self-test') this.samFault = 0x60;
    else this.oneShot.set(kind, target);
  }

  clearFaults(): void {
    this.samFault = null;
    this.oneShot.clear();
  }

  /** Feeds bytes from the host; returns the replies to send, in order. */
  receive(chunk: Uint8Array): SimulatorReply[] {
    const replies: SimulatorReply[] = [];
    for (const ev of this.deframer.push(chunk)) {
      if (ev.kind === 'frame') {
        this.requestsSeen++;
        const isRead = ev.frame.body[0] === 0x30 && (ev.frame.body[1] === 0x01 || ev.frame.body[1] === 0x10);
        if (this.take('timeout', isRead)) continue;
        const r = this.answer(ev.frame.body);
        if (r) replies.push(this.applyLineFaults(r, isRead));
      } else if (ev.reason === 'bad-checksum') {
        replies.push(this.status(0x10, this.delays.other));
      } else if (ev.reason === 'bad-length') {
        replies.push(this.status(0x11, this.delays.other));
      }
    }
    return replies;
  }

  private answer(body: Uint8Array): SimulatorReply | null {
    const cmd = body[0]!;
    const para = body[1]!;
    const d = this.delays;
    if (this.samFault !== null) return this.status(this.samFault, d.other);
    const key = (cmd << 8) | para;
    switch (key) {
      case 0x10ff: // reset
      case 0x11ff: // status
      case 0x61ff: // max RF bytes
        return this.status(0x90, d.other);
      case 0x12ff:
        return this.reply(
          0x90,
          [0x05, 0x00, 0x01, 0x00, 0x4e, 0x61, 0xbc, 0x00, 1, 2, 3, 4, 5, 6, 7, 8],
          d.other,
        );
      case 0x2001:
        if (!this.card || this.card.phase === 'halted') return this.status(0x80, d.find);
        if (this.card.fixture.type === 'not-id-card') return this.status(0x40, d.find);
        this.card.phase = 'found';
        return this.reply(0x9f, [0, 0, 0, 0], d.find);
      case 0x2002:
        if (!this.card || this.card.phase === 'fresh') return this.status(0x81, d.select);
        // A halted card still answers select: that is how a host tells "same card still lying
        // there" from "card taken away" (Synjones same-card check, reference §12.2).
        if (this.card.phase === 'found') this.card.phase = 'selected';
        return this.reply(0x90, [0, 0, 0, 0, 0, 0, 0, 0], d.select);
      case 0x3001:
      case 0x3010:
        return this.read(para === 0x10);
      case 0x3003: {
        if (!this.supportsAppendedAddress) return this.status(0x21, d.other);
        if (!this.card || this.card.phase === 'fresh' || this.card.phase === 'found') {
          return this.status(0x41, d.other);
        }
        const extra = fixtureAppendedAddress(this.card.fixture);
        return extra ? this.reply(0x90, extra, d.other) : this.status(0x91, d.other);
      }
      default:
        if (cmd === 0x60 && para <= 4) {
          return { ...this.status(0x90, d.other), baudAfter: [115200, 57600, 38400, 19200, 9600][para]! };
        }
        return this.status(0x21, d.other);
    }
  }

  private read(withFingerprint: boolean): SimulatorReply {
    const d = this.delays;
    if (this.take('card-removed-mid-read')) {
      this.card = null;
      return this.status(0x41, Math.round(d.read / 2));
    }
    if (!this.card || (this.card.phase !== 'selected' && this.card.phase !== 'halted')) {
      return this.status(0x41, d.read);
    }
    if (this.take('read-failure')) {
      this.card.phase = 'fresh';
      return this.status(0x41, d.read);
    }
    const f = this.card.fixture;
    this.card.phase = 'halted';
    this.readsServed++;
    const text = encodeFixtureText(f);
    const wlt = fixtureWlt(f);
    const fp = withFingerprint && f.hasFingerprint ? new Uint8Array(1024).fill(0x5a) : new Uint8Array(0);
    const lengths = withFingerprint ? [1, 0, 4, 0, fp.length >> 8, fp.length & 0xff] : [1, 0, 4, 0];
    const payload = new Uint8Array(lengths.length + text.length + wlt.length + fp.length);
    payload.set(lengths, 0);
    payload.set(text, lengths.length);
    payload.set(wlt, lengths.length + text.length);
    payload.set(fp, lengths.length + text.length + wlt.length);
    return this.reply(0x90, payload, d.read);
  }

  private status(sw3: number, delayMs: number): SimulatorReply {
    return this.reply(sw3, [], delayMs);
  }

  private reply(sw3: number, data: ArrayLike<number>, delayMs: number): SimulatorReply {
    const body = new Uint8Array(3 + data.length);
    body[2] = sw3;
    body.set(data as ArrayLike<number>, 3);
    return { bytes: buildSamFrame(body), delayMs };
  }

  private applyLineFaults(r: SimulatorReply, isRead: boolean): SimulatorReply {
    let bytes = r.bytes;
    if (this.take('bad-checksum', isRead)) {
      bytes = bytes.slice();
      bytes[bytes.length - 1]! ^= 0x5a;
    }
    if (this.take('garbage', isRead)) {
      const noise = Uint8Array.of(
        0x00,
        0xaa,
        0xaa,
        0x13,
        0xaa,
        0xaa,
        0xaa,
        0x96,
        0x00,
        0xff,
        0xaa,
        0x96,
        0x69,
      );
      const joined = new Uint8Array(noise.length + bytes.length);
      joined.set(noise);
      joined.set(bytes, noise.length);
      bytes = joined;
    }
    return { ...r, bytes };
  }

  private take(kind: SimulatorFault, isRead = true): boolean {
    const target = this.oneShot.get(kind);
    if (target === undefined || (target === 'read' && !isRead)) return false;
    return this.oneShot.delete(kind);
  }
}
