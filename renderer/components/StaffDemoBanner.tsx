import { useEffect, useState } from 'react';
import type { HealthReport } from '../../contract/health';
import { useKioskApi } from '../api/KioskApiContext';
import { DemoBanner } from './DemoBanner';

/**
 * The demo banner on the clerk, admin and provisioning screens, which App (and its banner) does
 * not render: simulated devices must be announced on every screen, not only the villager's.
 */
export function StaffDemoBanner() {
  const api = useKioskApi();
  const [health, setHealth] = useState<HealthReport | null>(null);
  useEffect(() => {
    api.request('health.get', {}).then(setHealth, () => undefined);
    return api.subscribe('health.changed', setHealth);
  }, [api]);
  if (!health) return null;
  return <DemoBanner demo={health.profile === 'demo'} simulatedDevices={health.simulatedDevices} />;
}
