import { symbologyFromAim, symbologyFromHoneywellId } from './aimSymbology';
import type { Symbology } from './schemas';

/**
 * HID POS (usage page 0x8C) scanned-data reports, Honeywell layout, as node-hid delivers them:
 * the report ID is byte 0, so every offset in the reference table shifts by +1.
 *
 *   [0] report ID 0x02 · [1] count · [2..4] AIM id (e.g. "]Q1") · [5..60] data (56 bytes)
 *   [61] Honeywell code ID · [62] reserved · [63] ≠0 → more reports follow
 *
 * `count` is read as the number of valid data bytes in this report (0..56). Long codes (an
 * e-ID QR is a few hundred bytes) arrive as several reports that must be joined before
 * decoding: a multi-byte UTF-8 character may be split across them.
 */
export const HID_POS_USAGE_PAGE = 0x8c;
export const HID_POS_USAGE_SCANNER = 0x02;
export const SCANNED_DATA_REPORT_ID = 0x02;
export const HID_POS_REPORT_BYTES = 64;
export const DATA_BYTES_PER_REPORT = 56;
/** Feature report that switches Honeywell scanners into HID POS output ("Output Redirection"). */
export const HONEYWELL_ENABLE_FEATURE_REPORT: readonly number[] = [0xfe, 0x01];
export const HONEYWELL_VENDOR_ID = 0x0c2e;

const OFFSET_COUNT = 1;
const OFFSET_AIM = 2;
const OFFSET_DATA = 5;
const OFFSET_CODE_ID = 61;
const OFFSET_CONTINUED = 63;

export interface HidPosReport {
  aim: string;
  data: Uint8Array;
  codeId: number;
  more: boolean;
}

export type HidPosErrorCode = 'wrong-report-id' | 'truncated' | 'bad-count' | 'bad-text' | 'oversized';

export class HidPosError extends Error {
  constructor(
    readonly code: HidPosErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HidPosError';
  }
}

export function parseHidPosReport(report: Uint8Array): HidPosReport {
  if (report.length < 1 || report[0] !== SCANNED_DATA_REPORT_ID) {
    throw new HidPosError('wrong-report-id', `expected report 0x02, got 0x${(report[0] ?? 0).toString(16)}`);
  }
  if (report.length < HID_POS_REPORT_BYTES) {
    throw new HidPosError(
      'truncated',
      `scanned-data report has ${report.length} of ${HID_POS_REPORT_BYTES} bytes`,
    );
  }
  const count = report[OFFSET_COUNT]!;
  if (count > DATA_BYTES_PER_REPORT)
    throw new HidPosError('bad-count', `count ${count} exceeds ${DATA_BYTES_PER_REPORT}`);
  return {
    aim: String.fromCharCode(...report.subarray(OFFSET_AIM, OFFSET_AIM + 3)),
    data: report.slice(OFFSET_DATA, OFFSET_DATA + count),
    codeId: report[OFFSET_CODE_ID]!,
    more: report[OFFSET_CONTINUED] !== 0,
  };
}

/** The other direction, for the simulator: split a code into 64-byte reports. */
export function encodeHidPosReports(data: Uint8Array, aim = ']Q1', codeId = 0x73): Buffer[] {
  const reports: Buffer[] = [];
  for (let offset = 0; offset === 0 || offset < data.length; offset += DATA_BYTES_PER_REPORT) {
    const chunk = data.subarray(offset, offset + DATA_BYTES_PER_REPORT);
    const report = Buffer.alloc(HID_POS_REPORT_BYTES);
    report[0] = SCANNED_DATA_REPORT_ID;
    report[OFFSET_COUNT] = chunk.length;
    report.write(aim.padEnd(3, '\0').slice(0, 3), OFFSET_AIM, 'latin1');
    report.set(chunk, OFFSET_DATA);
    report[OFFSET_CODE_ID] = codeId;
    report[OFFSET_CONTINUED] = offset + DATA_BYTES_PER_REPORT < data.length ? 1 : 0;
    reports.push(report);
  }
  return reports;
}

export interface AssembledScan {
  data: string;
  symbology?: Symbology;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
// Some domestic scanners are set to GBK output; GB18030 is its superset.
const gb18030 = new TextDecoder('gb18030', { fatal: true });

function decodeText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    try {
      return gb18030.decode(bytes);
    } catch {
      throw new HidPosError('bad-text', 'scan is neither UTF-8 nor GB18030 text');
    }
  }
}

/**
 * Joins continued reports into one scan. A stale partial scan (the scanner was unplugged
 * between parts, or a report got lost) is dropped after `partTimeoutMs` instead of being glued
 * onto the next code.
 */
export class HidPosAssembler {
  private parts: Uint8Array[] = [];
  private first: HidPosReport | undefined;
  private lastAt = 0;

  constructor(
    private readonly partTimeoutMs = 500,
    private readonly maxBytes = 8192,
  ) {}

  /** Returns a scan when the last part arrived, undefined while more are expected. */
  push(report: Uint8Array, now = Date.now()): AssembledScan | undefined {
    if (this.first && now - this.lastAt > this.partTimeoutMs) this.reset();
    let parsed: HidPosReport;
    try {
      parsed = parseHidPosReport(report);
    } catch (err) {
      this.reset();
      throw err;
    }
    this.first ??= parsed;
    this.parts.push(parsed.data);
    this.lastAt = now;
    const size = this.parts.reduce((n, p) => n + p.length, 0);
    if (size > this.maxBytes) {
      this.reset();
      throw new HidPosError('oversized', `scan exceeds ${this.maxBytes} bytes without an end`);
    }
    if (parsed.more) return undefined;
    const first = this.first;
    const bytes = Buffer.concat(this.parts);
    this.reset();
    const text = decodeText(bytes);
    if (text.length === 0) throw new HidPosError('bad-count', 'scan carried no data');
    const symbology = symbologyFromAim(first.aim) ?? symbologyFromHoneywellId(first.codeId);
    return symbology ? { data: text, symbology } : { data: text };
  }

  reset(): void {
    this.parts = [];
    this.first = undefined;
  }

  get pending(): boolean {
    return this.first !== undefined;
  }
}
