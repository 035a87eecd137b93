import { useTranslation } from 'react-i18next';
import type { HealthReport } from '../../contract/health';

/** Link, queue and device state in a corner of the attract screen, in words. */
export function StatusCorner({ health, connected }: { health: HealthReport | null; connected: boolean }) {
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
      {degraded.length > 0 && (
        <span title={degraded.map((s) => s.name).join(', ')}>
          <span className="status-dot warn" />
          {t('device.degraded')}
        </span>
      )}
    </div>
  );
}
