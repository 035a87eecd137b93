import { useCallback, useEffect, useRef, useState } from 'react';
import { type CaptureRequest, captureAllowed } from '../../drivers/scanner/schemas';
import { CameraError, type CapturedPage, capturePage, openCamera, stopCamera } from './cameraCapture';

export type DocumentCameraStatus = 'refused' | 'starting' | 'live' | 'capturing' | 'captured' | 'error';

export interface DocumentCameraState {
  status: DocumentCameraStatus;
  /** Plain words for the villager when something is wrong. */
  messageZh?: string;
  result?: CapturedPage;
  previewUrl?: string;
}

/**
 * Live preview → capture → check → retake or confirm. The camera is not even opened when the
 * request is not allowed (an ID card without a service requirement and consent).
 */
export function useDocumentCamera(request: CaptureRequest, deviceId?: string) {
  const allowed = captureAllowed(request);
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const streamRef = useRef<MediaStream | undefined>(undefined);
  const [state, setState] = useState<DocumentCameraState>(
    allowed
      ? { status: 'starting' }
      : { status: 'refused', messageZh: '没有业务要求或本人同意，不能拍摄身份证' },
  );

  const start = useCallback(async () => {
    stopCamera(streamRef.current);
    setState({ status: 'starting' });
    try {
      const stream = await openCamera(deviceId ? { deviceId } : {});
      streamRef.current = stream;
      const video = videoRef.current;
      if (video) {
        video.srcObject = stream;
        await video.play();
      }
      setState({ status: 'live' });
    } catch (err) {
      const camErr = err instanceof CameraError ? err : new CameraError('failed', String(err));
      setState({ status: 'error', messageZh: camErr.messageZh });
    }
  }, [deviceId]);

  useEffect(() => {
    if (!allowed) return;
    void start();
    return () => stopCamera(streamRef.current);
  }, [allowed, start]);

  useEffect(() => {
    const url = state.previewUrl;
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [state.previewUrl]);

  const capture = useCallback(async () => {
    const video = videoRef.current;
    if (!video || state.status !== 'live') return;
    setState({ status: 'capturing' });
    try {
      const result = await capturePage(video);
      setState({ status: 'captured', result, previewUrl: URL.createObjectURL(result.jpeg) });
    } catch (err) {
      const camErr = err instanceof CameraError ? err : new CameraError('failed', String(err));
      setState({ status: 'error', messageZh: camErr.messageZh });
    }
  }, [state.status]);

  const retake = useCallback(() => {
    setState({ status: 'live' });
  }, []);

  return { state, videoRef, capture, retake, restart: start };
}

export interface DocumentCameraProps {
  request: CaptureRequest;
  deviceId?: string;
  /** The villager accepted the picture; the caller sends `page.jpeg` to the host. */
  onConfirm(page: CapturedPage): void;
}

export function DocumentCamera({ request, deviceId, onConfirm }: DocumentCameraProps) {
  const { state, videoRef, capture, retake, restart } = useDocumentCamera(request, deviceId);
  const showVideo = state.status === 'live' || state.status === 'starting' || state.status === 'capturing';

  if (state.status === 'refused') {
    return (
      <div className="document-camera" data-status="refused" role="alert">
        {state.messageZh}
      </div>
    );
  }

  return (
    <div className="document-camera" data-status={state.status}>
      <video
        ref={videoRef}
        muted
        playsInline
        style={{ display: showVideo ? 'block' : 'none', maxWidth: '100%' }}
        aria-label="高拍仪画面"
      />
      {state.status === 'captured' && state.previewUrl && (
        <img src={state.previewUrl} alt="拍好的材料" style={{ maxWidth: '100%', maxHeight: '70vh' }} />
      )}
      {state.status === 'captured' && state.result && !state.result.cropped && (
        <p>没有找到纸张边缘，请把材料放正、放在深色垫子中间后重拍</p>
      )}
      {state.status === 'error' && <p role="alert">{state.messageZh}</p>}
      <div className="document-camera-actions">
        {(state.status === 'live' || state.status === 'capturing') && (
          <button
            type="button"
            data-testid="capture"
            onClick={capture}
            disabled={state.status === 'capturing'}
          >
            拍照
          </button>
        )}
        {state.status === 'captured' && state.result && (
          <>
            <button type="button" data-testid="retake" onClick={retake}>
              重拍
            </button>
            <button
              type="button"
              data-testid="confirm"
              onClick={() => state.result && onConfirm(state.result)}
            >
              使用这张
            </button>
          </>
        )}
        {state.status === 'error' && (
          <button type="button" data-testid="restart" onClick={restart}>
            再试一次
          </button>
        )}
      </div>
    </div>
  );
}
