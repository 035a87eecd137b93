import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Simulated devices are never silent: whenever the host reports any, this banner stays on top
 * of every screen. Demo controls (place a card, paper out…) live inside it.
 */
export function DemoBanner({
  demo,
  simulatedDevices,
  children,
}: {
  demo: boolean;
  simulatedDevices: string[];
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  if (!demo && simulatedDevices.length === 0) return null;
  return (
    <div className="demo-banner" role="status" data-testid="demo-banner">
      <span>
        {t('demo.banner')}
        {simulatedDevices.length > 0 && ` — ${simulatedDevices.join(' · ')}`}
      </span>
      {children}
    </div>
  );
}
