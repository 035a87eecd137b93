import { useCallback, useEffect, useState } from 'react';
import type { HealthReport } from '../contract/health';
import type { RequestOutput } from '../contract/kioskApi';
import { useKioskApi } from './api/KioskApiContext';
import { DemoBanner } from './components/DemoBanner';
import { StatusCorner } from './components/StatusCorner';
import { AttractScreen } from './screens/AttractScreen';

type SystemInfo = RequestOutput<'system.info'>;

export function App() {
  const api = useKioskApi();
  const [info, setInfo] = useState<SystemInfo | null>(null);
  const [health, setHealth] = useState<HealthReport | null>(null);
  const [elderMode, setElderMode] = useState(true);

  useEffect(() => {
    let cancelled = false;
    const unsubscribe = api.subscribe('health.changed', setHealth);
    const load = async () => {
      // The host may still be starting (or restarting after a crash): keep asking, quietly.
      for (let attempt = 0; !cancelled; attempt++) {
        try {
          const [i, h] = await Promise.all([api.request('system.info', {}), api.request('health.get', {})]);
          if (cancelled) return;
          setInfo(i);
          setHealth(h);
          return;
        } catch {
          await new Promise((r) => setTimeout(r, Math.min(2000, 200 * 2 ** attempt)));
        }
      }
    };
    void load();
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [api]);

  useEffect(() => {
    document.documentElement.dataset.mode = elderMode ? 'elder' : 'standard';
  }, [elderMode]);

  const toggleElderMode = useCallback(() => setElderMode((m) => !m), []);

  return (
    <div className="kiosk">
      <DemoBanner demo={info?.profile === 'demo'} simulatedDevices={health?.simulatedDevices ?? []} />
      <AttractScreen
        siteName={info?.site?.name ?? null}
        elderMode={elderMode}
        onToggleElderMode={toggleElderMode}
        onStart={() => {}}
        statusCorner={<StatusCorner health={health} connected={info !== null} />}
        ready={info !== null}
      />
    </div>
  );
}
