import { useEffect, useState } from 'react';
import { useKioskApi } from '../api/KioskApiContext';

/** What clerk slips and receipts print about this kiosk (the same values the villager receipt uses). */
export interface KioskFacts {
  profile: 'demo' | 'production';
  siteName: string;
  kioskId: string;
  statusUrl: string;
}

export function useKioskFacts(): KioskFacts | null {
  const api = useKioskApi();
  const [facts, setFacts] = useState<KioskFacts | null>(null);
  useEffect(() => {
    api.request('system.info', {}).then(
      (info) =>
        setFacts({
          profile: info.profile,
          siteName: info.site?.name ?? '村级便民服务站',
          kioskId: info.site ? `${info.site.divisionCode}01` : '44162212400101',
          statusUrl: `${info.countyUrl ?? 'http://county.invalid'}/status`.replace(/^(?!https?:)/, 'http://'),
        }),
      () => undefined,
    );
  }, [api]);
  return facts;
}
