/**
 * SAM frame layout (GA 467, see shared/reference/idcard-sam-protocol.md §2):
 *   AA AA AA 96 69 | LEN_H LEN_L | body… | CHK
 * LEN counts body + CHK; CHK is the XOR of LEN_H..last body byte.
 */
export const SAM_PREAMBLE = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69);
export const SAM_HEADER_LENGTH = 7; // preamble + 2 length bytes
/** Smallest legal LEN: a request is CMD PARA CHK (3), a response SW1 SW2 SW3 CHK (4). */
export const SAM_MIN_LEN = 3;
/**
 * Largest LEN we wait for. The biggest known reply is 0x090A (text + photo + fingerprint);
 * anything above 0x0A00 is noise, and rejecting it at once stops one bad byte from making us
 * wait for kilobytes that never come.
 */
export const SAM_MAX_LEN = 0x0a00;

export function xorChecksum(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let x = 0;
  for (let i = start; i < end; i++) x ^= bytes[i]!;
  return x;
}

/** Wraps a body (request: CMD PARA DATA, response: SW1 SW2 SW3 DATA) into a full frame. */
export function buildSamFrame(body: ArrayLike<number>): Uint8Array {
  const len = body.length + 1;
  if (len > 0xffff) throw new RangeError(`SAM body too long: ${body.length} bytes`);
  const frame = new Uint8Array(SAM_HEADER_LENGTH + len);
  frame.set(SAM_PREAMBLE, 0);
  frame[5] = len >> 8;
  frame[6] = len & 0xff;
  frame.set(body as ArrayLike<number>, SAM_HEADER_LENGTH);
  frame[frame.length - 1] = xorChecksum(frame, 5, frame.length - 1);
  return frame;
}

/** A frame whose length and checksum were verified. `body` excludes header and CHK. */
export interface SamFrame {
  readonly bytes: Uint8Array;
  readonly body: Uint8Array;
}

export function toHex(bytes: Uint8Array, max = 64): string {
  const shown = Array.from(bytes.subarray(0, max), (b) => b.toString(16).padStart(2, '0').toUpperCase());
  return shown.join(' ') + (bytes.length > max ? ` …(+${bytes.length - max})` : '');
}
