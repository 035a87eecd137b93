import type { SamFrame } from './samFrame';
import { SamResponseError } from './samStatus';

export interface SamResponse {
  readonly sw1: number;
  readonly sw2: number;
  readonly sw3: number;
  readonly data: Uint8Array;
}

export function parseResponse(frame: SamFrame): SamResponse {
  const b = frame.body;
  if (b.length < 3) throw new SamResponseError(`response body too short (${b.length} bytes)`);
  return { sw1: b[0]!, sw2: b[1]!, sw3: b[2]!, data: b.subarray(3) };
}

/** What a base-info read yields. Fingerprint bytes are skipped over and never copied out. */
export interface BaseInfo {
  readonly text: Uint8Array;
  readonly wlt: Uint8Array;
  /** Only the size, for diagnostics: the fingerprint itself is never kept (privacy). */
  readonly fingerprintBytes: number;
}

/**
 * Payload of 0x30 0x01: textLen photoLen (BE) text photo; of 0x30 0x10: textLen photoLen fpLen
 * text photo fp (reference §5).
 */
export function parseBaseInfo(data: Uint8Array, withFingerprint: boolean): BaseInfo {
  const headerLen = withFingerprint ? 6 : 4;
  if (data.length < headerLen) throw new SamResponseError(`base info too short (${data.length} bytes)`);
  const textLen = (data[0]! << 8) | data[1]!;
  const photoLen = (data[2]! << 8) | data[3]!;
  const fpLen = withFingerprint ? (data[4]! << 8) | data[5]! : 0;
  if (textLen < 256 || textLen > 1024) throw new SamResponseError(`implausible text length ${textLen}`);
  if (photoLen > 4096) throw new SamResponseError(`implausible photo length ${photoLen}`);
  const need = headerLen + textLen + photoLen + fpLen;
  if (data.length < need) {
    throw new SamResponseError(`base info holds ${data.length} bytes, lengths announce ${need}`);
  }
  const text = data.slice(headerLen, headerLen + textLen);
  const wlt = data.slice(headerLen + textLen, headerLen + textLen + photoLen);
  return { text, wlt, fingerprintBytes: fpLen };
}

/**
 * SAM id, 16 bytes: two one-byte numbers then three little-endian uint32s, printed
 * "NN.NN-NNNNNNNN-NNNNNNNNNN-NNNNNNNNNN" (reference §5; zero padding varies by vendor).
 */
export function formatSamId(data: Uint8Array): string {
  if (data.length < 16) throw new SamResponseError(`SAM id too short (${data.length} bytes)`);
  const view = new DataView(data.buffer, data.byteOffset, 16);
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${pad(data[0]!, 2)}.${pad(data[2]!, 2)}-${pad(view.getUint32(4, true), 8)}-${pad(
    view.getUint32(8, true),
    10,
  )}-${pad(view.getUint32(12, true), 10)}`;
}
