import type { ServiceDocument } from '../protocol/forms';
import { serviceDocument } from '../protocol/forms';
import { townOf } from '../protocol/ids';
import type { CollectionName, PushRow } from '../protocol/replication';
import { type PushContext, prepareNewDocument, stripLocalFields } from './collectionRules';
import type { Database, Queryable } from './database';
import { deepEqual } from './deepEqual';
import { CrossSiteError, type DeviceIdentity, siteScope } from './deviceIdentity';
import { readDocument, type StoredDocument, writeDocuments } from './documentStore';

/**
 * One push request = one transaction. Master-write rule (as RxDB's own replication handler):
 * no master → write; master and assumed equal and the new state changes nothing → nothing;
 * anything else → conflict, answered with the master. Kiosk documents are written once (content
 * is immutable and status is the county's), so every attempted change is a conflict and the
 * kiosk converges on the master. A retry after a lost response therefore writes nothing twice.
 */
export interface PushOutcome {
  conflicts: Record<string, unknown>[];
  written: number;
}

/** Published service versions never change, so they are cached for the life of the process. */
export class ServiceVersionCache {
  private readonly cache = new Map<string, ServiceDocument | null>();
  /** `q` must be the caller's transaction: PGlite has one connection, so the pool would deadlock. */
  async get(q: Queryable, id: string, version: number): Promise<ServiceDocument | null> {
    const key = `${id}@${version}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const r = await q.query<{ body: unknown }>(
      'SELECT body FROM service_versions WHERE id = $1 AND version = $2',
      [id, version],
    );
    const parsed = r.rows[0] ? serviceDocument.safeParse(r.rows[0].body) : null;
    const service = parsed?.success ? parsed.data : null;
    // Misses are not cached: the version may be published a moment later.
    if (service) this.cache.set(key, service);
    return service;
  }
}

export async function handlePush(
  db: Database,
  services: ServiceVersionCache,
  collection: CollectionName,
  device: DeviceIdentity,
  rows: PushRow[],
): Promise<PushOutcome> {
  const ids = [...new Set(rows.map((r) => r.newDocumentState.id))];
  return db.transaction(async (tx) => {
    const existing = await tx.query<{ id: string; scopes: string[]; body: Record<string, unknown> }>(
      'SELECT id, scopes, body FROM documents WHERE collection = $1 AND id = ANY($2::text[]) FOR UPDATE',
      [collection, ids],
    );
    const masters = new Map(existing.rows.map((r) => [r.id, r]));
    const ownScope = siteScope(device.division);
    const newIds = ids.filter((id) => !masters.has(id));
    const verified = new Map<string, Set<string>>();
    // Only when some new application lists pages: saves a round trip for the rest.
    const withMaterials = rows.some(
      (r) =>
        !masters.has(r.newDocumentState.id) &&
        Array.isArray(r.newDocumentState.materials) &&
        r.newDocumentState.materials.length > 0,
    );
    if (collection === 'applications' && newIds.length > 0 && withMaterials) {
      // Pages may arrive (tus) before their application: count those already verified.
      const files = await tx.query<{ application_id: string; sha256: string }>(
        "SELECT application_id, sha256 FROM files WHERE application_id = ANY($1::text[]) AND division = $2 AND state = 'verified'",
        [newIds, device.division],
      );
      for (const f of files.rows) {
        const set = verified.get(f.application_id) ?? new Set<string>();
        set.add(f.sha256);
        verified.set(f.application_id, set);
      }
    }
    const ctx: PushContext = {
      now: new Date(),
      serviceVersion: (id, version) => services.get(tx, id, version),
      verifiedFiles: async (applicationId) => verified.get(applicationId) ?? new Set(),
      clerkOfTown: async (clerkId) => {
        const clerk = await readDocument(tx, 'clerks', clerkId);
        return Boolean(clerk?.scopes.includes(`town:${townOf(device.division)}`) && !clerk.body._deleted);
      },
      // In the same transaction: an original and its supplement pushed in one batch are seen.
      storedApplication: async (id) => masters.get(id) ?? readDocument(tx, 'applications', id),
    };
    const conflicts: Record<string, unknown>[] = [];
    const toWrite: StoredDocument[] = [];
    for (const row of rows) {
      const incoming = stripLocalFields(row.newDocumentState);
      const id = String(incoming.id);
      const master = masters.get(id);
      if (master) {
        // Never reveal or touch another site's document, not even as a conflict.
        if (!master.scopes.includes(ownScope)) throw new CrossSiteError(id);
        const assumed = row.assumedMasterState ? stripLocalFields(row.assumedMasterState) : null;
        const unchanged =
          assumed !== null && deepEqual(assumed, master.body) && deepEqual(incoming, master.body);
        if (!unchanged) conflicts.push(master.body);
        continue;
      }
      const prepared = await prepareNewDocument(collection, incoming, device, ctx);
      const stored = { id, scopes: prepared.scopes, body: prepared.body };
      toWrite.push(stored);
      // The same id twice in one batch: the second row sees the first as its master.
      masters.set(id, stored);
      if (prepared.rejected) conflicts.push(prepared.body);
    }
    const { writtenIds } = await writeDocuments(tx, db.changeChannel, collection, toWrite, 'skip');
    const lostRace = toWrite.filter((d) => !writtenIds.has(d.id)).map((d) => d.id);
    if (lostRace.length > 0) {
      // Another transaction inserted these ids first (it committed before we got the lock).
      const winners = await tx.query<{ id: string; scopes: string[]; body: Record<string, unknown> }>(
        'SELECT id, scopes, body FROM documents WHERE collection = $1 AND id = ANY($2::text[])',
        [collection, lostRace],
      );
      for (const w of winners.rows) {
        if (!w.scopes.includes(ownScope)) throw new CrossSiteError(w.id);
        const i = conflicts.findIndex((c) => c.id === w.id);
        if (i >= 0) conflicts.splice(i, 1);
        conflicts.push(w.body);
      }
    }
    return { conflicts, written: writtenIds.size };
  });
}
