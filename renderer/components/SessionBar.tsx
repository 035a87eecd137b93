import { useTranslation } from 'react-i18next';
import type { LinkState } from '../journey/journeyTypes';

/**
 * Always on top during a session: the elder/standard switch, the language switch, and the link
 * state in words (offline honesty: applications wait here and are sent by themselves).
 */
export function SessionBar({
  elderMode,
  onToggleElderMode,
  link,
}: {
  elderMode: boolean;
  onToggleElderMode(): void;
  link: LinkState;
}) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  return (
    <div className="session-bar" data-testid="session-bar">
      <span className="link-state" data-testid="link-state" data-link={link}>
        <span className={`status-dot ${link === 'online' ? 'ok' : 'warn'}`} />
        {link === 'online' ? t('status.online') : t('status.offline')}
      </span>
      <span className="spacer" />
      <button
        type="button"
        onClick={() => void i18n.changeLanguage(zh ? 'en' : 'zh-CN')}
        lang={zh ? 'en' : 'zh-CN'}
      >
        {t('attract.language')}
      </button>
      <button type="button" onClick={onToggleElderMode} aria-pressed={elderMode} data-testid="mode-toggle">
        {elderMode ? t('attract.standardMode') : t('attract.elderMode')}
      </button>
    </div>
  );
}
