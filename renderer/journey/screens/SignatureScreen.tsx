import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Signature } from '../journeyTypes';
import { ScreenFrame } from './ScreenFrame';

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Signing with a finger in a large box; "重写" clears it. The picture goes with the application. */
export function SignatureScreen({
  onSigned,
  onBack,
  onEnd,
}: {
  onSigned(signature: Signature): void;
  onBack(): void;
  onEnd(): void;
}) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const drawing = useRef(false);
  const [strokes, setStrokes] = useState(0);
  const [problem, setProblem] = useState(false);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const c = e.currentTarget;
    const r = c.getBoundingClientRect();
    return [((e.clientX - r.left) * c.width) / r.width, ((e.clientY - r.top) * c.height) / r.height] as const;
  };
  const down = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const g = e.currentTarget.getContext('2d');
    if (!g) return;
    e.currentTarget.setPointerCapture?.(e.pointerId);
    drawing.current = true;
    g.lineWidth = 6;
    g.lineCap = 'round';
    g.strokeStyle = '#111';
    g.beginPath();
    g.moveTo(...point(e));
  };
  const move = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const g = e.currentTarget.getContext('2d');
    g?.lineTo(...point(e));
    g?.stroke();
  };
  const up = () => {
    if (drawing.current) setStrokes((s) => s + 1);
    drawing.current = false;
    setProblem(false);
  };
  const clear = () => {
    const c = canvas.current;
    c?.getContext('2d')?.clearRect(0, 0, c.width, c.height);
    setStrokes(0);
  };
  const confirm = async () => {
    const c = canvas.current;
    if (!c || strokes === 0) return setProblem(true);
    const pngDataUrl = c.toDataURL('image/png');
    const bytes = Uint8Array.from(atob(pngDataUrl.split(',')[1] ?? ''), (ch) => ch.charCodeAt(0));
    onSigned({ pngDataUrl, sha256: await sha256Hex(bytes), size: bytes.length });
  };

  return (
    <ScreenFrame
      testId="signature-screen"
      title={t('signature.title')}
      promptKey="signature"
      onBack={onBack}
      onEnd={onEnd}
      actions={
        <>
          <button type="button" onClick={clear}>
            {t('signature.clear')}
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => void confirm()}
            data-testid="signature-confirm"
          >
            {t('nav.next')}
          </button>
        </>
      }
    >
      <p className="hint">{t('signature.hint')}</p>
      <canvas
        ref={canvas}
        className="signature-pad"
        width={900}
        height={300}
        aria-label={t('signature.area')}
        role="img"
        data-testid="signature-pad"
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerLeave={up}
      />
      {problem && (
        <p className="problem" role="alert">
          {t('signature.empty')}
        </p>
      )}
    </ScreenFrame>
  );
}
