import { crc32 } from 'node:zlib';

/**
 * Framing of journal records: [length u32 BE][crc32 u32 BE][payload]. A power cut can leave the
 * last record half-written; reading stops at the first frame whose length runs past the end of
 * the file or whose checksum does not match, and everything before it is intact. The checksum
 * catches a torn tail cheaply before the (authenticated) decryption is even tried.
 */
export const FRAME_HEADER_BYTES = 8;
/** A length above this is garbage (a torn header), not a record: applications are a few KB. */
export const MAX_RECORD_BYTES = 4 * 1024 * 1024;

export function encodeFrame(payload: Uint8Array): Buffer {
  if (payload.length === 0 || payload.length > MAX_RECORD_BYTES) {
    throw new RangeError(`journal record of ${payload.length} bytes is outside 1..${MAX_RECORD_BYTES}`);
  }
  const frame = Buffer.alloc(FRAME_HEADER_BYTES + payload.length);
  frame.writeUInt32BE(payload.length, 0);
  frame.writeUInt32BE(crc32(payload), 4);
  frame.set(payload, FRAME_HEADER_BYTES);
  return frame;
}

export interface DecodedFrames {
  payloads: Buffer[];
  /** Bytes up to the end of the last good frame; the file is truncated here before appending. */
  validBytes: number;
  /** True when bytes after `validBytes` were ignored (a torn or damaged tail). */
  tornTail: boolean;
}

export function decodeFrames(bytes: Buffer): DecodedFrames {
  const payloads: Buffer[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    if (bytes.length - offset < FRAME_HEADER_BYTES) break;
    const length = bytes.readUInt32BE(offset);
    const checksum = bytes.readUInt32BE(offset + 4);
    const end = offset + FRAME_HEADER_BYTES + length;
    if (length === 0 || length > MAX_RECORD_BYTES || end > bytes.length) break;
    const payload = bytes.subarray(offset + FRAME_HEADER_BYTES, end);
    if (crc32(payload) !== checksum) break;
    payloads.push(payload);
    offset = end;
  }
  return { payloads, validBytes: offset, tornTail: offset < bytes.length };
}
