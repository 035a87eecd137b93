import { decodeCardText, toBase64 } from './cardDecoder';
import type { DriverLogger } from './driverLogger';
import type { PhotoDecoder } from './photoDecoder';
import type { IdCard } from './schemas';

export interface CardBuildContext {
  now: Date;
  photoDecoder: PhotoDecoder;
  logger: DriverLogger;
}

/**
 * Text block + WLT (+ appended address) → the card the form receives. The photo is decoded when
 * a vendor decoder is configured; otherwise, or when it fails, the WLT travels on and the UI
 * shows a placeholder. Everything stays in memory: nothing from a card touches the disk.
 */
export async function buildIdCard(
  text: Uint8Array,
  wlt: Uint8Array,
  appendedAddress: string | null,
  ctx: CardBuildContext,
): Promise<IdCard> {
  const decoded = decodeCardText(text, { now: ctx.now, appendedAddress });
  if (wlt.length === 0) return { ...decoded, photo: { kind: 'none' } };
  let photo: IdCard['photo'] = { kind: 'wlt', wltBase64: toBase64(wlt) };
  try {
    const image = await ctx.photoDecoder.decode(wlt);
    if (image) {
      photo = {
        kind: 'image',
        mimeType: image.mimeType,
        dataBase64: toBase64(image.data),
        width: image.width,
        height: image.height,
      };
    }
  } catch (err) {
    decoded.warnings.push('photo-decode-failed');
    ctx.logger.warn('idcard: photo decoder failed', {
      decoder: ctx.photoDecoder.name,
      error: (err as Error).message,
    });
  }
  return { ...decoded, photo };
}
