import { useTranslation } from 'react-i18next';
import { useKioskApi } from '../api/KioskApiContext';
import { Clock } from '../components/Clock';
import { AnnouncementBoard } from './announcements/AnnouncementBoard';
import { useAnnouncements } from './announcements/useAnnouncements';

export interface AttractScreenProps {
  siteName: string | null;
  elderMode: boolean;
  onToggleElderMode(): void;
  onStart(): void;
  onMyApplications(): void;
  statusCorner: React.ReactNode;
  ready: boolean;
  /** 12-digit division of this site: its town (first 9 digits) picks the town's announcements. */
  divisionCode?: string | null;
}

/** The idle screen: place your ID card or scan a code. Large, calm, one obvious action. */
export function AttractScreen({
  siteName,
  elderMode,
  onToggleElderMode,
  onStart,
  onMyApplications,
  statusCorner,
  ready,
  divisionCode = null,
}: AttractScreenProps) {
  const { t } = useTranslation();
  const announcements = useAnnouncements(useKioskApi(), divisionCode ? divisionCode.slice(0, 9) : null);
  return (
    <main className="screen" data-testid="attract-screen" data-ready={ready ? 'true' : 'false'}>
      <header className="topbar">
        <div>
          <h1>{t('app.title')}</h1>
          <div>{siteName ?? t('app.subtitle')}</div>
        </div>
        <Clock />
      </header>
      <section className="attract-main">
        <CardIllustration />
        <p className="place-card">{t('attract.placeCard')}</p>
        <p className="or-scan">{t('attract.orScan')}</p>
        <div className="attract-actions">
          <button
            type="button"
            className="primary"
            onClick={onStart}
            disabled={!ready}
            data-testid="attract-start"
          >
            {t('attract.start')}
          </button>
          <button
            type="button"
            onClick={onMyApplications}
            disabled={!ready}
            data-testid="attract-my-applications"
          >
            {t('attract.myApplications')}
          </button>
          <button
            type="button"
            onClick={onToggleElderMode}
            aria-pressed={elderMode}
            data-testid="mode-toggle"
          >
            {elderMode ? t('attract.standardMode') : t('attract.elderMode')}
          </button>
        </div>
        <AnnouncementBoard announcements={announcements} />
      </section>
      <footer>{statusCorner}</footer>
    </main>
  );
}

function CardIllustration() {
  return (
    <svg className="card-illustration" viewBox="0 0 320 200" role="img" aria-label="身份证放置示意">
      <rect x="4" y="4" width="312" height="192" rx="18" fill="#e8f0fb" stroke="#1a1a1a" strokeWidth="4" />
      <rect x="24" y="40" width="84" height="104" rx="6" fill="#c9d8ee" />
      <rect x="128" y="48" width="160" height="14" rx="7" fill="#9db3d6" />
      <rect x="128" y="80" width="120" height="14" rx="7" fill="#9db3d6" />
      <rect x="128" y="112" width="150" height="14" rx="7" fill="#9db3d6" />
      <rect x="24" y="160" width="264" height="16" rx="8" fill="#9db3d6" />
    </svg>
  );
}
