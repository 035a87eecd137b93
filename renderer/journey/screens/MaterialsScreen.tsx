import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceDocument } from '../../../sync/protocol/forms';
import type { CapturedMaterial } from '../journeyTypes';
import { ScreenFrame } from './ScreenFrame';

/**
 * Each material: photograph, see the preview, retake if needed. Every photo is marked a copy
 * not yet verified (复印件待核验) until a clerk checks the original. The ID card needs no
 * photo when the chip was read and the villager agreed to the copy.
 */
export function MaterialsScreen({
  service,
  materials,
  idCardFromChip,
  capture,
  onCaptured,
  onDone,
  onBack,
  onEnd,
}: {
  service: ServiceDocument;
  materials: Record<string, CapturedMaterial>;
  idCardFromChip: boolean;
  capture(materialId: string): Promise<Omit<CapturedMaterial, 'materialId'>>;
  onCaptured(material: CapturedMaterial): void;
  onDone(): void;
  onBack(): void;
  onEnd(): void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const needsPhoto = (m: ServiceDocument['materials'][number]) => !(m.fromIdCard && idCardFromChip);
  const missing = service.materials.filter((m) => m.required && needsPhoto(m) && !materials[m.id]);

  const take = async (materialId: string) => {
    setBusy(materialId);
    setProblem(null);
    try {
      onCaptured({ materialId, ...(await capture(materialId)) });
    } catch {
      setProblem(t('materials.cameraUnavailable'));
    } finally {
      setBusy(null);
    }
  };

  return (
    <ScreenFrame
      testId="materials-screen"
      title={t('materials.title')}
      promptKey="materials"
      onBack={onBack}
      onEnd={onEnd}
      actions={
        <button
          type="button"
          className="primary"
          data-testid="materials-next"
          onClick={() => (missing.length ? setProblem(t('materials.missing')) : onDone())}
        >
          {t('nav.next')}
        </button>
      }
    >
      <p className="hint">{t('materials.hint')}</p>
      <ul className="materials">
        {service.materials.map((m) => {
          const captured = materials[m.id];
          return (
            <li key={m.id} data-testid={`material-${m.id}`}>
              <div>
                <strong>{m.name.zh}</strong>
                <span className="hint">
                  {' '}
                  · {m.required ? t('guide.required') : t('materials.notRequired')}
                </span>
                {!needsPhoto(m) && <p className="ok">✓ {t('materials.fromIdCard')}</p>}
                {captured && <p className="warn-text">✓ {t('materials.captured')}</p>}
              </div>
              {captured && (
                <img
                  className="preview"
                  src={captured.previewUrl}
                  alt={t('materials.preview', { name: m.name.zh })}
                />
              )}
              {needsPhoto(m) && (
                <button
                  type="button"
                  disabled={busy !== null}
                  onClick={() => void take(m.id)}
                  data-testid={`capture-${m.id}`}
                >
                  {captured ? t('materials.retake') : t('materials.capture')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
    </ScreenFrame>
  );
}
