import { cropAndDeskew, type Pixels } from './pageGeometry';

/**
 * Browser side of the document camera (高拍仪): open the UVC stream, grab a still, straighten
 * the page, encode a JPEG for the host. Image data stays in memory and goes only to the host's
 * capture API — never to logs or the console.
 */
export type CameraErrorCode = 'no-camera' | 'permission-denied' | 'busy' | 'unsupported' | 'failed';

const cameraWords: Record<CameraErrorCode, string> = {
  'no-camera': '没有找到高拍仪，请找工作人员',
  'permission-denied': '高拍仪没有打开权限，请找工作人员',
  busy: '高拍仪正被别的程序占用，请稍后再试',
  unsupported: '这台机器不支持拍照，请改用扫描',
  failed: '高拍仪出了故障，请找工作人员帮忙',
};

export class CameraError extends Error {
  readonly messageZh: string;
  constructor(
    readonly code: CameraErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CameraError';
    this.messageZh = cameraWords[code];
  }
}

function toCameraError(err: unknown): CameraError {
  const name = (err as { name?: string })?.name ?? '';
  const message = (err as Error)?.message ?? String(err);
  if (name === 'NotFoundError' || name === 'OverconstrainedError')
    return new CameraError('no-camera', message);
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return new CameraError('permission-denied', message);
  if (name === 'NotReadableError' || name === 'AbortError') return new CameraError('busy', message);
  return new CameraError('failed', message);
}

export interface CameraOptions {
  deviceId?: string;
  /** Ask for the camera's high-resolution mode; UVC document cameras often give 1920×1080+. */
  width?: number;
  height?: number;
}

export async function openCamera(options: CameraOptions = {}): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new CameraError('unsupported', 'getUserMedia is not available');
  }
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: {
        ...(options.deviceId ? { deviceId: { exact: options.deviceId } } : {}),
        width: { ideal: options.width ?? 1920 },
        height: { ideal: options.height ?? 1080 },
      },
    });
  } catch (err) {
    throw toCameraError(err);
  }
}

export function stopCamera(stream: MediaStream | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/** The current video frame as RGBA pixels. */
export function grabFrame(video: HTMLVideoElement): Pixels {
  const width = video.videoWidth;
  const height = video.videoHeight;
  if (!width || !height) throw new CameraError('failed', 'camera has not delivered a frame yet');
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new CameraError('unsupported', 'no 2D canvas');
  ctx.drawImage(video, 0, 0, width, height);
  return ctx.getImageData(0, 0, width, height);
}

export function pixelsToJpeg(pixels: Pixels, quality = 0.92): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = pixels.width;
  canvas.height = pixels.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return Promise.reject(new CameraError('unsupported', 'no 2D canvas'));
  ctx.putImageData(new ImageData(new Uint8ClampedArray(pixels.data), pixels.width, pixels.height), 0, 0);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new CameraError('failed', 'JPEG encoding failed'))),
      'image/jpeg',
      quality,
    ),
  );
}

export interface CapturedPage {
  /** High-quality JPEG; the host re-encodes it for the link (size budget, grey/colour). */
  jpeg: Blob;
  width: number;
  height: number;
  /** False when no page edge was found and the whole frame was kept. */
  cropped: boolean;
}

/** Grab, straighten and encode one page from a live preview. */
export async function capturePage(video: HTMLVideoElement): Promise<CapturedPage> {
  const frame = grabFrame(video);
  const { page, quad } = cropAndDeskew(frame);
  return {
    jpeg: await pixelsToJpeg(page),
    width: page.width,
    height: page.height,
    cropped: quad !== undefined,
  };
}
