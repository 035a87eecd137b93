import { type ServiceDocument, serviceDocument } from '../../../sync/protocol/forms';

/**
 * The seed catalogue shipped with the kiosk (resources/catalog), used until the county's
 * `services` collection has been pulled into the local store. Forms are data: each file is
 * checked against the protocol schema and a broken one is left out, never guessed at.
 */
const files = import.meta.glob('../../../resources/catalog/*.json', { eager: true, import: 'default' });

export function parseCatalog(raw: Record<string, unknown>): ServiceDocument[] {
  const services: ServiceDocument[] = [];
  for (const [file, data] of Object.entries(raw)) {
    const parsed = serviceDocument.safeParse(data);
    if (parsed.success && parsed.data.enabled && !parsed.data._deleted) services.push(parsed.data);
    else if (!parsed.success) console.warn(`[catalog] ${file} left out: ${parsed.error.issues[0]?.message}`);
  }
  return services.sort((a, b) => a.id.localeCompare(b.id));
}

export const seedCatalog: ServiceDocument[] = parseCatalog(files);

/** The villager's name of a service, for lists that only hold its id. */
export function catalogName(serviceId: string, catalog: ServiceDocument[] = seedCatalog): string {
  return catalog.find((s) => s.id === serviceId)?.name.zh ?? serviceId;
}
