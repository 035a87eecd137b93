import { useTranslation } from 'react-i18next';
import { AUTHORISATION_MATERIAL_ID } from '../../../sync/protocol/documents';
import type { ServiceDocument } from '../../../sync/protocol/forms';
import type { CapturedMaterial, Identity, OriginalCheck, Signature } from '../journeyTypes';
import { formFields } from '../session/journeyState';
import { ScreenFrame } from './ScreenFrame';
import { displayValue } from './valueDisplay';

/**
 * The one screen where personal data is shown in full, because the person must check it. It
 * warns to make sure nobody is looking over their shoulder.
 */
export function ReviewScreen({
  service,
  identity,
  values,
  materials,
  signature,
  originalChecks = {},
  error,
  onEdit,
  onSubmit,
  onBack,
  onEnd,
}: {
  service: ServiceDocument;
  identity: Identity;
  values: Record<string, unknown>;
  materials: Record<string, CapturedMaterial>;
  signature: Signature | null;
  /** 代办: which copies the clerk checked against the original (shown, so the clerk sees what travels). */
  originalChecks?: Record<string, OriginalCheck>;
  error: string | null;
  onEdit(index: number): void;
  onSubmit(): void;
  onBack(): void;
  onEnd(): void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <ScreenFrame
      testId="review-screen"
      title={t('review.title')}
      promptKey="review"
      onBack={onBack}
      onEnd={onEnd}
      actions={
        <button type="button" className="primary" onClick={onSubmit} data-testid="review-submit">
          {t('review.submit')}
        </button>
      }
    >
      <p className="notice">{t('review.hint')}</p>
      {identity.clerk && <p>{t('clerk.assistedBy', { name: identity.clerk.name })}</p>}
      <dl className="review">
        {formFields(service).map((field, index) => (
          <div key={field.id} className="review-row">
            <dt>{field.label.zh}</dt>
            <dd>
              <span>
                {displayValue(field, values[field.id], i18n.language, false) || t('review.notFilled')}
              </span>
              <button
                type="button"
                onClick={() => onEdit(index)}
                aria-label={`${t('review.edit')} ${field.label.zh}`}
              >
                {t('review.edit')}
              </button>
            </dd>
          </div>
        ))}
        <div className="review-row">
          <dt>{t('review.materials')}</dt>
          <dd data-testid="review-materials">
            {[
              ...service.materials.filter((m) => materials[m.id]).map((m) => ({ id: m.id, name: m.name.zh })),
              ...(materials[AUTHORISATION_MATERIAL_ID]
                ? [{ id: AUTHORISATION_MATERIAL_ID, name: t('assist.authorisation') }]
                : []),
            ]
              .map((m) =>
                identity.clerk
                  ? `${m.name} · ${originalChecks[m.id] ? t('assist.checked') : t('assist.unchecked')}`
                  : m.name,
              )
              .join('、') || t('review.notFilled')}
          </dd>
        </div>
        {signature && (
          <div className="review-row">
            <dt>{t('signature.title')}</dt>
            <dd>{t('review.signed')}</dd>
          </div>
        )}
      </dl>
      {error && (
        <p className="problem" role="alert" data-testid="submit-error">
          {error}
        </p>
      )}
    </ScreenFrame>
  );
}
