/**
 * Card text is UCS-2 little-endian, right-padded with spaces (20 00); some cards pad with
 * NULs instead. Decoding stops at the field boundary and trims both kinds of padding.
 */
export function decodeUcs2Field(bytes: Uint8Array, offset: number, length: number): string {
  const end = Math.min(bytes.length, offset + length);
  let s = '';
  for (let i = offset; i + 1 < end; i += 2) {
    s += String.fromCharCode(bytes[i]! | (bytes[i + 1]! << 8));
  }
  return s.replace(/[\s\u0000\u3000]+$/u, '').replace(/^[\s\u0000\u3000]+/u, '');
}

/** The inverse, used by fixtures and the simulator: pads with spaces to `length` bytes. */
export function encodeUcs2Field(text: string, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i + 1 < length; i += 2) {
    const c = i / 2 < text.length ? text.charCodeAt(i / 2) : 0x20;
    out[i] = c & 0xff;
    out[i + 1] = c >> 8;
  }
  return out;
}
