import { useTranslation } from 'react-i18next';
import type { ServiceDocument } from '../../../sync/protocol/forms';
import { ScreenFrame } from './ScreenFrame';

/** PIPL notice and consent, on a screen of its own: what is collected, why, for how long. */
export function ConsentScreen({
  service,
  onAgree,
  onDecline,
  onBack,
}: {
  service: ServiceDocument;
  onAgree(): void;
  onDecline(): void;
  onBack(): void;
}) {
  const { t } = useTranslation();
  return (
    <ScreenFrame
      testId="consent-screen"
      title={t('consent.title')}
      promptKey="consent"
      onBack={onBack}
      actions={
        <>
          <button type="button" onClick={onDecline} data-testid="consent-decline">
            {t('consent.decline')}
          </button>
          <button type="button" className="primary" onClick={onAgree} data-testid="consent-agree">
            {t('consent.agree')}
          </button>
        </>
      }
    >
      <p>{t('consent.intro', { service: service.name.zh })}</p>
      <p>{t('consent.items')}</p>
      <p>{t('consent.purpose', { department: service.department })}</p>
      <p>{t('consent.storage')}</p>
      <p>{t('consent.rights')}</p>
    </ScreenFrame>
  );
}

/** A separate consent before a copy of the ID card is made from the chip (or photographed). */
export function IdCopyConsentScreen({
  onAnswer,
  onBack,
}: {
  onAnswer(agreed: boolean): void;
  onBack(): void;
}) {
  const { t } = useTranslation();
  return (
    <ScreenFrame
      testId="id-copy-consent-screen"
      title={t('idCopyConsent.title')}
      promptKey="idCopyConsent"
      onBack={onBack}
      actions={
        <>
          <button type="button" onClick={() => onAnswer(false)} data-testid="id-copy-decline">
            {t('idCopyConsent.decline')}
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => onAnswer(true)}
            data-testid="id-copy-agree"
          >
            {t('idCopyConsent.agree')}
          </button>
        </>
      }
    >
      <p>{t('idCopyConsent.body')}</p>
    </ScreenFrame>
  );
}
