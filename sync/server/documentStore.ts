import type { CollectionName } from '../protocol/replication';
import { COLLECTIONS } from '../protocol/replication';
import type { Queryable } from './database';

/**
 * Writes replicated documents. The caller's transaction must be open: this takes the
 * collection's advisory lock, so `seq` (from one sequence) is handed out in commit order, and
 * queues a NOTIFY that Postgres delivers only if and when the transaction commits.
 */
export interface StoredDocument {
  id: string;
  scopes: string[];
  body: Record<string, unknown>;
}

export interface ChangeNotice {
  /** Collection. */
  c: CollectionName;
  /** Highest seq written. */
  s: number;
  /** Scopes touched; ["*"] when too many to list (everyone resyncs). */
  k: string[];
}

const LOCK_BASE = 7_271_000;
const MAX_NOTICE_SCOPES = 40;

export function collectionLockKey(collection: CollectionName): number {
  return LOCK_BASE + COLLECTIONS.indexOf(collection);
}

export async function writeDocuments(
  tx: Queryable,
  channel: string,
  collection: CollectionName,
  docs: StoredDocument[],
  /** 'skip' keeps an existing row (a concurrent first write won); 'replace' is for county writes. */
  onExisting: 'replace' | 'skip' = 'replace',
): Promise<{ maxSeq: number; writtenIds: Set<string> }> {
  if (docs.length === 0) return { maxSeq: 0, writtenIds: new Set() };
  const rows = docs.map((d) => ({
    id: d.id,
    scopes: d.scopes,
    body: d.body,
    deleted: d.body._deleted === true,
  }));
  const conflictClause =
    onExisting === 'skip'
      ? 'ON CONFLICT (collection, id) DO NOTHING'
      : `ON CONFLICT (collection, id) DO UPDATE
       SET scopes = excluded.scopes, body = excluded.body, deleted = excluded.deleted,
           seq = excluded.seq, updated_at = now()`;
  const allScopes = [...new Set(docs.flatMap((d) => d.scopes))];
  const noticeScopes = allScopes.length > MAX_NOTICE_SCOPES ? ['*'] : allScopes;
  // One round trip: the lock is held from here to COMMIT, so nothing else should wait inside it.
  // The lock CTE is joined into the INSERT's source, so it is taken before any nextval().
  const result = await tx.query<{ id: string; seq: string | number }>(
    `WITH lock AS MATERIALIZED (SELECT pg_advisory_xact_lock($5) AS locked),
     ins AS (
       INSERT INTO documents (collection, id, scopes, body, deleted, seq)
       SELECT $1, x.id, x.scopes, x.body, x.deleted, nextval('change_seq')
         FROM lock, jsonb_to_recordset($2::jsonb) AS x(id text, scopes text[], body jsonb, deleted boolean)
       ${conflictClause}
       RETURNING id, seq
     ),
     agg AS (SELECT max(seq) AS s, count(*) AS n FROM ins),
     note AS (
       SELECT pg_notify($3, json_build_object('c', $1::text, 's', agg.s, 'k', $4::jsonb)::text) AS sent
         FROM agg WHERE agg.n > 0
     )
     SELECT ins.id, ins.seq, (SELECT count(*) FROM note) AS notified FROM ins`,
    [collection, JSON.stringify(rows), channel, JSON.stringify(noticeScopes), collectionLockKey(collection)],
  );
  const writtenIds = new Set(result.rows.map((r) => r.id));
  const maxSeq = writtenIds.size === 0 ? 0 : Math.max(...result.rows.map((r) => Number(r.seq)));
  return { maxSeq, writtenIds };
}

export async function readDocument(
  q: Queryable,
  collection: CollectionName,
  id: string,
): Promise<{ scopes: string[]; body: Record<string, unknown> } | null> {
  const r = await q.query<{ scopes: string[]; body: Record<string, unknown> }>(
    'SELECT scopes, body FROM documents WHERE collection = $1 AND id = $2',
    [collection, id],
  );
  return r.rows[0] ?? null;
}

export interface PullPage {
  documents: Record<string, unknown>[];
  checkpoint: { seq: number };
}

/** Documents after `seq` visible to any of `scopes`, in seq order. */
export async function pullDocuments(
  q: Queryable,
  collection: CollectionName,
  scopes: string[],
  seq: number,
  limit: number,
): Promise<PullPage> {
  const r = await q.query<{ body: Record<string, unknown>; seq: string | number }>(
    `SELECT body, seq FROM documents
      WHERE collection = $1 AND seq > $2 AND scopes && $3::text[]
      ORDER BY seq LIMIT $4`,
    [collection, seq, scopes, limit],
  );
  const last = r.rows[r.rows.length - 1];
  return { documents: r.rows.map((row) => row.body), checkpoint: { seq: last ? Number(last.seq) : seq } };
}
