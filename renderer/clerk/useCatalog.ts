import { useEffect, useState } from 'react';
import type { ServiceDocument } from '../../sync/protocol/forms';

/**
 * The service catalogue for names and material lists. Loaded on demand: the catalogue is gathered
 * by Vite at build time, and pages bundled without Vite (test harnesses) then show service ids
 * instead of failing to start.
 */
export function useCatalog(): ServiceDocument[] | null {
  const [catalog, setCatalog] = useState<ServiceDocument[] | null>(null);
  useEffect(() => {
    let live = true;
    import('../journey/catalog/catalogData').then(
      (m) => live && setCatalog(m.seedCatalog),
      () => live && setCatalog([]),
    );
    return () => {
      live = false;
    };
  }, []);
  return catalog;
}

export function serviceNameOf(catalog: ServiceDocument[] | null, serviceId: string): string {
  return catalog?.find((s) => s.id === serviceId)?.name.zh ?? serviceId;
}
