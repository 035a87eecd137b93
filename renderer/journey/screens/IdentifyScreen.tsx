import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenFrame } from './ScreenFrame';

/**
 * Who is applying: place the ID card (the usual way), the e-ID code (needs the county online to
 * verify), or a clerk who checks the person and types for them. Reading the card itself is
 * handled by the journey, which listens on every screen.
 */
export function IdentifyScreen({
  readError,
  online,
  canBrowse,
  onClerk,
  onBrowse,
  onMyApplications,
  onEnd,
}: {
  readError: string | null;
  online: boolean;
  canBrowse: boolean;
  onClerk(): void;
  onBrowse(): void;
  onMyApplications(): void;
  onEnd(): void;
}) {
  const { t } = useTranslation();
  const [eidNote, setEidNote] = useState(false);
  return (
    <ScreenFrame testId="identify-screen" title={t('identify.title')} promptKey="identify" onEnd={onEnd}>
      {readError && (
        <p className="problem" role="alert">
          {readError}
        </p>
      )}
      <div className="identify-options">
        <section className="identify-card">
          <h2>{t('identify.card')}</h2>
          <p>{t('identify.cardHint')}</p>
        </section>
        <button type="button" className="option" onClick={() => setEidNote(true)} data-testid="identify-eid">
          <strong>{t('identify.eid')}</strong>
          <span>{t('identify.eidHint')}</span>
        </button>
        <button type="button" className="option" onClick={onClerk} data-testid="identify-clerk">
          <strong>{t('identify.clerk')}</strong>
          <span>{t('identify.clerkHint')}</span>
        </button>
      </div>
      {eidNote && <p className="notice">{online ? t('identify.eidScan') : t('identify.eidUnavailable')}</p>}
      <div className="row">
        {canBrowse && (
          <button type="button" onClick={onBrowse} data-testid="browse-services">
            {t('identify.browse')}
          </button>
        )}
        <button type="button" onClick={onMyApplications} data-testid="my-applications">
          {t('attract.myApplications')}
        </button>
      </div>
    </ScreenFrame>
  );
}
