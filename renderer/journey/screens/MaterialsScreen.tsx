import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUTHORISATION_MATERIAL_ID } from '../../../sync/protocol/documents';
import type { ServiceDocument } from '../../../sync/protocol/forms';
import type { CapturedPage } from '../../capture/cameraCapture';
import { DocumentCamera } from '../../capture/DocumentCamera';
import type {
  CapturedMaterial,
  CaptureProgress,
  MaterialCaptureRequest,
  OriginalCheck,
} from '../journeyTypes';
import { ScreenFrame } from './ScreenFrame';

/**
 * Each material: scan it on the document scanner, see the stored page's thumbnail, scan again
 * (重新扫描) if needed. Every page is marked a copy not yet verified (复印件待核验) until a clerk
 * checks the original. The ID card needs no scan when the chip was read and the villager agreed
 * to the copy; without that consent the host refuses to copy it and the original is shown at the
 * window instead. Where a document camera (高拍仪) is configured it is offered beside the scanner;
 * its preview opens in place under the material, and the confirmed photo goes to the same outbox.
 */
export function MaterialsScreen({
  service,
  materials,
  idCardFromChip,
  idCopyConsented,
  capture,
  onCaptured,
  camera = null,
  originals = null,
  onDone,
  onBack,
  onEnd,
}: {
  service: ServiceDocument;
  materials: Record<string, CapturedMaterial>;
  idCardFromChip: boolean;
  /** The villager agreed to a copy of the ID card on its own consent screen. */
  idCopyConsented: boolean;
  capture(
    request: MaterialCaptureRequest,
    onProgress?: (progress: CaptureProgress) => void,
  ): Promise<Omit<CapturedMaterial, 'materialId'>>;
  onCaptured(material: CapturedMaterial): void;
  /** The document camera, when this kiosk has one. */
  camera?: {
    store(request: MaterialCaptureRequest, jpeg: Blob): Promise<Omit<CapturedMaterial, 'materialId'>>;
  } | null;
  /** 代办 only: the clerk marks each scanned copy 已核验原件 after holding the original next to it. */
  originals?: {
    checks: Record<string, OriginalCheck>;
    onToggle(material: CapturedMaterial): void;
  } | null;
  onDone(): void;
  onBack(): void;
  onEnd(): void;
}) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState<string | null>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  /** The material whose camera preview is open (one at a time). */
  const [photographing, setPhotographing] = useState<string | null>(null);
  const english = i18n.language.startsWith('en');
  type Material = ServiceDocument['materials'][number];
  const needsScan = (m: Material) => !(m.fromIdCard && idCardFromChip);
  /** Without consent the ID card is not copied at all: the original is shown at the window. */
  const atWindow = (m: Material) => m.fromIdCard && !idCopyConsented;
  const missing = service.materials.filter(
    (m) => m.required && needsScan(m) && !atWindow(m) && !materials[m.id],
  );

  const words = (p: CaptureProgress) =>
    p.kind === 'page'
      ? t('materialsScan.page', { page: p.pageNumber, percent: Math.round(p.percent) })
      : english
        ? p.messageEn
        : p.messageZh;

  const requestFor = (m: Material): MaterialCaptureRequest => ({
    materialId: m.id,
    idCard: m.fromIdCard,
    villagerConsented: idCopyConsented,
  });
  const take = async (m: Material) => {
    setBusy(m.id);
    setProblem(null);
    setProgress(t('materialsScan.scanning'));
    try {
      const scanned = await capture(requestFor(m), (p) => setProgress(words(p)));
      onCaptured({ materialId: m.id, ...scanned });
    } catch (error) {
      const zh = (error as { messageZh?: unknown }).messageZh;
      setProblem(typeof zh === 'string' && zh ? zh : t('materials.cameraUnavailable'));
    } finally {
      setBusy(null);
      setProgress(null);
    }
  };

  const storePhoto = async (m: Material, page: CapturedPage) => {
    if (!camera) return;
    setBusy(m.id);
    setProblem(null);
    setProgress(t('materialsScan.photoStoring'));
    try {
      onCaptured({ materialId: m.id, ...(await camera.store(requestFor(m), page.jpeg)) });
      setPhotographing(null);
    } catch (error) {
      const zh = (error as { messageZh?: unknown }).messageZh;
      setProblem(typeof zh === 'string' && zh ? zh : t('materials.cameraUnavailable'));
    } finally {
      setBusy(null);
      setProgress(null);
    }
  };

  const authorisation = materials[AUTHORISATION_MATERIAL_ID];
  /** The copy's level and, for the clerk, the 已核验原件 switch. */
  const originalRow = (captured: CapturedMaterial) => {
    if (!originals || captured.credibility === 'idCardChip') return null;
    const checked = Boolean(originals.checks[captured.materialId]);
    return (
      <>
        <p className={checked ? 'ok' : 'warn-text'} data-testid={`material-level-${captured.materialId}`}>
          {checked ? t('assist.checked') : t('assist.unchecked')}
        </p>
        <button
          type="button"
          aria-pressed={checked}
          disabled={busy !== null}
          onClick={() => originals.onToggle(captured)}
          data-testid={`check-original-${captured.materialId}`}
        >
          {checked ? '✓ ' : ''}
          {t('assist.checkOriginal')}
        </button>
      </>
    );
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
          disabled={busy !== null}
          onClick={() => (missing.length ? setProblem(t('materialsScan.missingScan')) : onDone())}
        >
          {t('nav.next')}
        </button>
      }
    >
      <p className="hint">{t('materialsScan.scanHint')}</p>
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
                {!needsScan(m) && <p className="ok">✓ {t('materials.fromIdCard')}</p>}
                {needsScan(m) && atWindow(m) && !captured && (
                  <p className="hint">{t('materialsScan.idCardAtWindow')}</p>
                )}
                {captured && (
                  <p
                    className="warn-text"
                    data-testid={`material-status-${m.id}`}
                    data-verified={String(Boolean(originals?.checks[m.id]))}
                  >
                    ✓{' '}
                    {captured.credibility === 'scanned'
                      ? t('materialsScan.scanned')
                      : t('materials.captured')}
                  </p>
                )}
                {captured && originalRow(captured)}
              </div>
              {captured && (
                <img
                  className="preview"
                  src={captured.previewUrl}
                  data-testid={`material-thumb-${m.id}`}
                  data-sha256={captured.sha256}
                  alt={t('materials.preview', { name: m.name.zh })}
                />
              )}
              {needsScan(m) && (
                <button
                  type="button"
                  disabled={busy !== null}
                  onClick={() => void take(m)}
                  data-testid={`capture-${m.id}`}
                >
                  {captured ? t('materialsScan.rescan') : t('materialsScan.scan')}
                </button>
              )}
              {needsScan(m) && camera && photographing !== m.id && (
                <button
                  type="button"
                  disabled={busy !== null}
                  onClick={() => {
                    setProblem(null);
                    setPhotographing(m.id);
                  }}
                  data-testid={`photo-${m.id}`}
                >
                  {t('materialsScan.photo')}
                </button>
              )}
              {camera && photographing === m.id && (
                <div className="material-camera" data-testid={`camera-${m.id}`}>
                  <p className="hint">{t('materialsScan.photoHint')}</p>
                  <DocumentCamera
                    request={{
                      material: m.fromIdCard ? 'id-card' : 'other',
                      serviceRequiresIdCopy: m.fromIdCard,
                      villagerConsented: idCopyConsented,
                    }}
                    onConfirm={(page) => void storePhoto(m, page)}
                  />
                  <button type="button" disabled={busy !== null} onClick={() => setPhotographing(null)}>
                    {t('materialsScan.photoCancel')}
                  </button>
                </div>
              )}
            </li>
          );
        })}
        {authorisation && (
          <li data-testid={`material-${AUTHORISATION_MATERIAL_ID}`}>
            <div>
              <strong>{t('assist.authorisation')}</strong>
              {originalRow(authorisation)}
            </div>
            <img className="preview" src={authorisation.previewUrl} alt={t('assist.authorisation')} />
          </li>
        )}
      </ul>
      {progress && (
        <p className="hint" role="status" aria-live="polite" data-testid="scan-progress">
          {progress}
        </p>
      )}
      {problem && (
        <p className="problem" role="alert" data-testid="materials-problem">
          {problem}
        </p>
      )}
    </ScreenFrame>
  );
}
