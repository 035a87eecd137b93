import sharp from 'sharp';
import { renderHouseholdPage } from './samplePage';

/**
 * What a document camera (高拍仪) sees: the household-register page lying slightly rotated on a
 * dark desk, in a 1280×720 frame. Used as Chromium's fake camera file, so the renderer's
 * crop/deskew runs on a picture with a known answer (an A4 page, rotated by `angleDeg`).
 */
export const CAMERA_FRAME = { width: 1280, height: 720 } as const;

export async function renderCameraFrame(angleDeg = 7, pageHeightPx = 600): Promise<Buffer> {
  const pageWidthPx = Math.round(pageHeightPx / Math.SQRT2);
  const page = await sharp(await renderHouseholdPage(100))
    .resize(pageWidthPx, pageHeightPx, { fit: 'fill' })
    .png()
    .toBuffer();
  const rotated = await sharp(page)
    .rotate(angleDeg, { background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .png()
    .toBuffer();
  const meta = await sharp(rotated).metadata();
  const left = Math.round((CAMERA_FRAME.width - meta.width!) / 2);
  const top = Math.round((CAMERA_FRAME.height - meta.height!) / 2);
  return sharp({
    create: { width: CAMERA_FRAME.width, height: CAMERA_FRAME.height, channels: 3, background: '#3a3631' },
  })
    .composite([{ input: rotated, left, top }])
    .jpeg({ quality: 80, chromaSubsampling: '4:2:0' })
    .toBuffer();
}
