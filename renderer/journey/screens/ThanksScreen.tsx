import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenFrame } from './ScreenFrame';

/** The last screen; it ends the session by itself so nobody's data waits for the next person. */
export function ThanksScreen({ onDone }: { onDone(): void }) {
  const { t } = useTranslation();
  useEffect(() => {
    const timer = setTimeout(onDone, 8000);
    return () => clearTimeout(timer);
  }, [onDone]);
  return (
    <ScreenFrame
      testId="thanks-screen"
      title={t('thanks.title')}
      promptKey="thanks"
      actions={
        <button type="button" className="primary" onClick={onDone} data-testid="thanks-done">
          {t('thanks.done')}
        </button>
      }
    >
      <p className="big">{t('thanks.body')}</p>
    </ScreenFrame>
  );
}
