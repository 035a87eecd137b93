import sharp from 'sharp';
import { STORED_IMAGE_MAX_BYTES } from '../../../contract/capture';
import { type Outbox, sha256Hex } from './outbox';

/**
 * Takes an image the renderer made (the villager's signature, a demo page) into the outbox.
 * Nothing the renderer says about the bytes is believed: the size is measured after decoding,
 * the type is read from the bytes' own header and a full decode, and the SHA-256 is computed
 * here and must equal the one the application will reference.
 */
export type ImageIntakeCode = 'too-large' | 'wrong-type' | 'unreadable' | 'hash-mismatch';

export class ImageIntakeError extends Error {
  constructor(
    readonly code: ImageIntakeCode,
    message: string,
  ) {
    super(message);
    this.name = 'ImageIntakeError';
  }
}

export interface ImageIntakeRequest {
  purpose: 'signature' | 'material';
  contentType: 'image/png' | 'image/jpeg';
  sha256: string;
  bytes: Uint8Array;
  applicationId?: string;
}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_MAGIC = [0xff, 0xd8, 0xff];
/** A signature pad or a drawn page is small; a bigger picture is not what this request is for. */
const MAX_PIXELS = 4096 * 4096;

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

function headerType(bytes: Uint8Array): 'image/png' | 'image/jpeg' | null {
  if (startsWith(bytes, PNG_MAGIC)) return 'image/png';
  if (startsWith(bytes, JPEG_MAGIC)) return 'image/jpeg';
  return null;
}

export async function takeImage(
  outbox: Outbox,
  request: ImageIntakeRequest,
  maxBytes = STORED_IMAGE_MAX_BYTES,
): Promise<{ sha256: string; size: number }> {
  const { bytes } = request;
  if (bytes.length > maxBytes)
    throw new ImageIntakeError('too-large', `image is ${bytes.length} bytes; at most ${maxBytes}`);
  const declared = headerType(bytes);
  if (declared !== request.contentType)
    throw new ImageIntakeError(
      'wrong-type',
      `bytes are ${declared ?? 'not PNG or JPEG'}, not ${request.contentType}`,
    );
  let width = 0;
  let height = 0;
  try {
    // A full decode, not only the header: a truncated or doctored file is refused here rather
    // than at the county, where a clerk would find a broken signature weeks later.
    const { info } = await sharp(bytes, { limitInputPixels: MAX_PIXELS })
      .raw()
      .toBuffer({ resolveWithObject: true });
    width = info.width;
    height = info.height;
  } catch (error) {
    throw new ImageIntakeError('unreadable', `image does not decode: ${(error as Error).message}`);
  }
  const actual = sha256Hex(bytes);
  if (actual !== request.sha256)
    throw new ImageIntakeError('hash-mismatch', 'the SHA-256 of the bytes is not the one given');
  const stored = await outbox.put(bytes, {
    kind: request.purpose === 'signature' ? 'signature' : 'page',
    mime: request.contentType,
    width,
    height,
    material: request.purpose === 'signature' ? 'signature' : 'other',
    applicationId: request.applicationId,
    capturedAt: new Date().toISOString(),
  });
  return { sha256: stored.sha256, size: stored.size };
}
