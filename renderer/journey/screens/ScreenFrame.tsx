import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SpokenCaption } from '../voice/Caption';

/**
 * The frame of every journey screen: title, spoken caption, the screen's content, then the
 * same two ways out at the bottom (back, end) in the same place every time.
 */
export function ScreenFrame({
  testId,
  title,
  promptKey,
  promptText,
  onBack,
  onEnd,
  children,
  actions,
}: {
  testId: string;
  title: string;
  promptKey: string;
  promptText?: string;
  onBack?: (() => void) | null;
  onEnd?: (() => void) | null;
  children: ReactNode;
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <main className="screen journey" data-testid={testId}>
      <h1 className="screen-title">{title}</h1>
      <SpokenCaption promptKey={promptKey} text={promptText} />
      <div className="screen-body">{children}</div>
      <nav className="screen-actions" aria-label={t('nav.label')}>
        {onBack && (
          <button type="button" onClick={onBack} data-testid="back">
            ← {t('nav.back')}
          </button>
        )}
        {onEnd && (
          <button type="button" onClick={onEnd} data-testid="end-session">
            {t('nav.cancel')}
          </button>
        )}
        <span className="spacer" />
        {actions}
      </nav>
    </main>
  );
}
