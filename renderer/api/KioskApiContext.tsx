import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import type { EventName, EventPayload, KioskApi } from '../../contract/kioskApi';

const KioskApiContext = createContext<KioskApi | null>(null);

export function KioskApiProvider({ api, children }: { api: KioskApi; children: ReactNode }) {
  return <KioskApiContext.Provider value={api}>{children}</KioskApiContext.Provider>;
}

export function useKioskApi(): KioskApi {
  const api = useContext(KioskApiContext);
  if (!api) throw new Error('useKioskApi outside KioskApiProvider');
  return api;
}

/** Latest payload of a host event, starting from `initial` (e.g. the answer of a get request). */
export function useKioskEvent<E extends EventName>(name: E, initial: EventPayload<E> | null = null) {
  const api = useKioskApi();
  const [value, setValue] = useState<EventPayload<E> | null>(initial);
  useEffect(() => api.subscribe(name, setValue), [api, name]);
  return [value, setValue] as const;
}
