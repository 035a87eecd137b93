import { useTranslation } from 'react-i18next';
import type { HealthReport } from '../../contract/health';
import type { LinkState } from '../journey/journeyTypes';

/** Link, queue and device state in a corner of the attract screen, in words. */
export function StatusCorner({
  health,
  connected,
  link = 'unknown',
  queued = 0,
}: {
  health: HealthReport | null;
  connected: boolean;
  link?: LinkState;
  queued?: number;
}) {
  const { t } = useTranslation();
  if (!connected || !health) {
    return (
      <div className="status-corner" data-testid="status-corner">
        <span>
          <span className="status-dot warn" />
          {t('status.connecting')}
        </span>
      </div>
    );
  }
  const degraded = health.services.filter((s) => s.state === 'degraded');
  return (
    <div className="status-corner" data-testid="status-corner">
      {link !== 'unknown' && (
        <span data-testid="attract-link-state">
          <span className={`status-dot ${link === 'online' ? 'ok' : 'warn'}`} />
          {link === 'online' ? t('status.online') : t('status.offline')}
        </span>
      )}
      {queued > 0 && <span data-testid="queued-count">{t('status.queued', { count: queued })}</span>}
      {degraded.length > 0 && (
        <span title={degraded.map((s) => s.name).join(', ')}>
          <span className="status-dot warn" />
          {t('device.degraded')}
        </span>
      )}
    </div>
  );
}
