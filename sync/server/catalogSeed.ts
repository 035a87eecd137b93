import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ServiceDocument, serviceDocument } from '../protocol/forms';
import { countyDocumentScopes } from './collectionRules';
import type { Database, Queryable } from './database';
import { writeDocuments } from './documentStore';

/** resources/catalog/*.json: the seed catalogue, one service per file. */
export const CATALOG_DIR = fileURLToPath(new URL('../../resources/catalog/', import.meta.url));

export async function loadCatalog(dir: string = CATALOG_DIR): Promise<ServiceDocument[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  const services: ServiceDocument[] = [];
  for (const name of names) {
    const parsed = serviceDocument.safeParse(JSON.parse(await readFile(path.join(dir, name), 'utf8')));
    if (!parsed.success)
      throw new Error(
        `${name}: ${parsed.error.issues[0]?.message} at ${parsed.error.issues[0]?.path.join('.')}`,
      );
    services.push(parsed.data);
  }
  return services;
}

/**
 * Publishes services: a new version row each (version = previous + 1), and the replicated
 * document replaced so kiosks pull it. Returns the versions published.
 */
export async function publishServices(
  db: Database,
  services: ServiceDocument[],
  publishedBy: string,
  tx?: Queryable,
): Promise<Array<{ id: string; version: number }>> {
  const run = async (q: Queryable) => {
    const out: Array<{ id: string; version: number }> = [];
    const docs = [];
    for (const s of services) {
      const prev = await q.query<{ v: number | null }>(
        'SELECT max(version) AS v FROM service_versions WHERE id = $1',
        [s.id],
      );
      const version = (prev.rows[0]?.v ?? 0) + 1;
      const body = { ...s, version };
      await q.query(
        'INSERT INTO service_versions (id, version, body, published_by) VALUES ($1, $2, $3::jsonb, $4)',
        [s.id, version, JSON.stringify(body), publishedBy],
      );
      docs.push({ id: s.id, scopes: countyDocumentScopes('services', body), body });
      out.push({ id: s.id, version });
    }
    await writeDocuments(q, db.changeChannel, 'services', docs);
    return out;
  };
  return tx ? run(tx) : db.transaction(run);
}

/** Seeds the catalogue on first start only (an empty service_versions table). */
export async function seedCatalogIfEmpty(db: Database): Promise<number> {
  const n = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM service_versions');
  if ((n.rows[0]?.n ?? 0) > 0) return 0;
  const services = await loadCatalog();
  await publishServices(db, services, 'seed');
  return services.length;
}
