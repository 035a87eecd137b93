import type { PrinterCondition, PrinterState } from '../schemas';

/**
 * Printer status bytes (reference §4): DLE EOT 1–4 replies and GS a automatic status back blocks,
 * reduced to the one condition the kiosk shows.
 */

export interface StatusFlags {
  offline: boolean;
  coverOpen: boolean;
  paperOut: boolean;
  paperNearEnd: boolean;
  cutterError: boolean;
  /** Mechanical, unrecoverable or auto-recoverable (e.g. head too hot) error. */
  otherError: boolean;
}

export class StatusParseError extends Error {
  override readonly name = 'StatusParseError';
}

/** bit4 = 1 and bits 0, 1, 7 = 0: first byte of an automatic status back block. */
export const isAsbFirstByte = (b: number) => (b & 0x93) === 0x10;
/** bit1 = 1, bit4 = 1, bits 0, 7 = 0: a DLE EOT reply. */
export const isDleEotReply = (b: number) => (b & 0x93) === 0x12;

/** The four replies to DLE EOT 1, 2, 3, 4, in that order. */
export function parseRealtimeStatus(replies: ArrayLike<number>): StatusFlags {
  if (replies.length !== 4) throw new StatusParseError(`expected 4 DLE EOT replies, got ${replies.length}`);
  for (let i = 0; i < 4; i++) {
    if (!isDleEotReply(replies[i]!)) {
      throw new StatusParseError(`DLE EOT ${i + 1} reply 0x${replies[i]!.toString(16)} lacks the fixed bits`);
    }
  }
  const [printer, offlineCause, errorCause, paper] = [replies[0]!, replies[1]!, replies[2]!, replies[3]!];
  return {
    offline: (printer & 0x08) !== 0,
    coverOpen: (offlineCause & 0x04) !== 0,
    paperOut: (offlineCause & 0x20) !== 0 || (paper & 0x60) !== 0,
    paperNearEnd: (paper & 0x0c) !== 0,
    cutterError: (errorCause & 0x08) !== 0,
    otherError: (errorCause & 0x64) !== 0,
  };
}

/** A 4-byte GS a block. */
export function parseAutoStatusBack(block: ArrayLike<number>): StatusFlags {
  if (block.length !== 4) throw new StatusParseError(`expected a 4-byte ASB block, got ${block.length}`);
  if (!isAsbFirstByte(block[0]!)) throw new StatusParseError('ASB block lacks its fixed bits');
  const [b1, b2, b3] = [block[0]!, block[1]!, block[2]!];
  return {
    offline: (b1 & 0x08) !== 0,
    coverOpen: (b1 & 0x20) !== 0,
    paperOut: (b3 & 0x0c) !== 0,
    paperNearEnd: (b3 & 0x03) !== 0,
    cutterError: (b2 & 0x08) !== 0,
    otherError: (b2 & 0x64) !== 0,
  };
}

/** The condition a person must act on first: a closed cover before paper, paper before the cutter. */
export function conditionOf(flags: StatusFlags): PrinterCondition {
  if (flags.coverOpen) return 'cover-open';
  if (flags.paperOut) return 'paper-out';
  if (flags.cutterError) return 'cutter-error';
  if (flags.offline || flags.otherError) return 'offline';
  if (flags.paperNearEnd) return 'paper-near-end';
  return 'ready';
}

export const CONDITION_MESSAGES: Record<PrinterCondition, { zh: string; en: string }> = {
  ready: { zh: '打印机正常', en: 'Printer ready' },
  'paper-near-end': { zh: '打印纸快用完了，请告诉工作人员换纸', en: 'Paper roll nearly empty' },
  'paper-out': { zh: '打印机没纸了，请找工作人员换纸', en: 'Printer out of paper' },
  'cover-open': { zh: '打印机盖子没关好，请找工作人员关好', en: 'Printer cover open' },
  'cutter-error': { zh: '打印机切纸刀卡住了，请找工作人员处理', en: 'Printer cutter error' },
  offline: { zh: '打印机没有连上，请找工作人员检查', en: 'Printer offline or not responding' },
};

export function printerState(condition: PrinterCondition, checkedAt: Date): PrinterState {
  const m = CONDITION_MESSAGES[condition];
  return {
    condition,
    messageZh: m.zh,
    messageEn: m.en,
    canPrint: condition === 'ready' || condition === 'paper-near-end',
    checkedAt: checkedAt.toISOString(),
  };
}

export type StatusMessage = { kind: 'realtime'; byte: number } | { kind: 'asb'; flags: StatusFlags };

/**
 * Splits the bytes a printer sends back into DLE EOT replies and ASB blocks (they share the line).
 * Bytes that fit neither are dropped: line noise must not be taken for a status.
 */
export class StatusStreamParser {
  private asb: number[] | undefined;

  push(chunk: ArrayLike<number>): StatusMessage[] {
    const out: StatusMessage[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (this.asb) {
        this.asb.push(b);
        if (this.asb.length === 4) {
          out.push({ kind: 'asb', flags: parseAutoStatusBack(this.asb) });
          this.asb = undefined;
        }
      } else if (isAsbFirstByte(b)) {
        this.asb = [b];
      } else if (isDleEotReply(b)) {
        out.push({ kind: 'realtime', byte: b });
      }
    }
    return out;
  }

  reset(): void {
    this.asb = undefined;
  }
}
