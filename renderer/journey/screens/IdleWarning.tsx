import { useTranslation } from 'react-i18next';
import { SpokenCaption } from '../voice/Caption';

/**
 * Shown in place of the current screen (not over it: no pop-ups) when nobody has touched the
 * screen for a while. The countdown is visible and spoken once; any touch of 继续办理 resumes.
 */
export function IdleWarning({
  secondsLeft,
  onContinue,
  onEnd,
}: {
  secondsLeft: number;
  onContinue(): void;
  onEnd(): void;
}) {
  const { t } = useTranslation();
  return (
    <main className="screen journey idle-warning" data-testid="idle-warning">
      <h1 className="screen-title">{t('idle.title')}</h1>
      <SpokenCaption promptKey="timeout" />
      <p className="countdown" data-testid="idle-countdown" aria-live="polite">
        {t('idle.countdown', { seconds: secondsLeft })}
      </p>
      <div className="row center">
        <button type="button" className="primary huge" onClick={onContinue} data-testid="idle-continue">
          {t('idle.continue')}
        </button>
        <button type="button" onClick={onEnd}>
          {t('idle.end')}
        </button>
      </div>
    </main>
  );
}
