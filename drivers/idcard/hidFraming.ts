import { SAM_HEADER_LENGTH, SAM_PREAMBLE } from './samFrame';

/**
 * How a vendor's HID reader wraps SAM frames in reports. Vendors differ and most framings are
 * not public (reference §10), so each one is an adapter behind this interface.
 */
export interface HidFraming {
  readonly name: string;
  /** Output reports for one request frame, each starting with the report-id byte node-hid wants. */
  encode(frame: Uint8Array): Uint8Array[];
  /** A fresh stateful decoder: input report in, SAM bytes out (fed to the shared deframer). */
  createDecoder(): (report: Uint8Array) => Uint8Array;
}

/**
 * The plain framing: the SAM frame cut into 64-byte reports (report id 0), the last one padded
 * with zeros. The decoder follows the frame's own LEN so the padding never reaches the deframer.
 */
export function plainSplitFraming(reportSize = 64, reportId = 0): HidFraming {
  return {
    name: `plain-split-${reportSize}`,
    encode(frame) {
      const reports: Uint8Array[] = [];
      for (let i = 0; i < frame.length; i += reportSize) {
        const r = new Uint8Array(reportSize + 1);
        r[0] = reportId;
        r.set(frame.subarray(i, i + reportSize), 1);
        reports.push(r);
      }
      return reports;
    },
    createDecoder() {
      let remaining = 0;
      const header: number[] = [];
      return (report) => {
        const out: number[] = [];
        for (const b of report) {
          if (remaining > 0) {
            out.push(b);
            remaining--;
            continue;
          }
          header.push(b);
          // Bytes that cannot start a preamble here are padding between frames: drop them.
          while (header.length > 0 && header.length <= SAM_PREAMBLE.length && !matchesPreamble(header))
            header.shift();
          if (header.length === SAM_HEADER_LENGTH) {
            remaining = (header[5]! << 8) | header[6]!;
            out.push(...header);
            header.length = 0;
          }
        }
        return Uint8Array.from(out);
      };
    },
  };
}

function matchesPreamble(bytes: number[]): boolean {
  for (let i = 0; i < Math.min(bytes.length, SAM_PREAMBLE.length); i++)
    if (bytes[i] !== SAM_PREAMBLE[i]) return false;
  return true;
}
