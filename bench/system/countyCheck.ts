import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from '../../sync/server/database';

/**
 * What the county holds for one kiosk, checked against what the kiosk receipted. Files are
 * hashed from the gateway's own store (tus FileStore keeps each upload as `<filesDir>/<id>`),
 * not taken from the `state = 'verified'` column, so a bench proves the bytes, not a flag.
 */
export interface CountyCheck {
  /** Receipted ids the county holds. */
  delivered: number;
  /** Receipted ids the county does not hold. */
  missing: string[];
  /** County rows for this device that were never receipted (journaled, not printed). */
  extra: string[];
  /** Tracking numbers that appear more than once. */
  duplicates: number;
  /** Pages whose stored bytes hash to the material's SHA-256. */
  filesVerified: number;
  /** Pages missing at the county or with bytes that do not hash to their SHA-256. */
  filesBad: string[];
  /**
   * The drawn signature (material `signature`), counted apart from the scanned pages so that a
   * missing one is named as such: until the host took signatures into its outbox
   * (main/host/capture/imageIntake.ts) none ever reached the county.
   */
  signatures: { verified: number; bad: number };
}

export async function checkCounty(
  db: Database,
  filesDir: string,
  deviceId: string,
  receipted: Iterable<string>,
  /** What `receipted` holds: document ids (default) or the tracking numbers printed on receipts. */
  by: 'id' | 'trackingNumber' = 'id',
): Promise<CountyCheck> {
  const rows = (
    await db.query<{
      id: string;
      body: { trackingNumber: string; materials: Array<{ sha256: string; materialId: string }> };
    }>("SELECT id, body FROM documents WHERE collection = 'applications' AND body->>'deviceId' = $1", [
      deviceId,
    ])
  ).rows;
  const keyOf = (r: (typeof rows)[number]) => (by === 'id' ? r.id : r.body.trackingNumber);
  const held = new Map(rows.map((r) => [keyOf(r), r]));
  const wanted = new Set(receipted);
  const missing = [...wanted].filter((id) => !held.has(id));
  const extra = rows.filter((r) => !wanted.has(keyOf(r))).map(keyOf);
  const duplicates = rows.length - new Set(rows.map((r) => r.body.trackingNumber)).size;
  let filesVerified = 0;
  const filesBad: string[] = [];
  const signatures = { verified: 0, bad: 0 };
  for (const row of rows) {
    for (const m of row.body.materials ?? []) {
      const stored = (
        await db.query<{ id: string }>(
          "SELECT id FROM files WHERE application_id = $1 AND sha256 = $2 AND state = 'verified'",
          [row.id, m.sha256],
        )
      ).rows;
      let ok = false;
      for (const s of stored) {
        const bytes = await readFile(join(filesDir, s.id)).catch(() => null);
        if (bytes && createHash('sha256').update(bytes).digest('hex') === m.sha256) ok = true;
      }
      if (m.materialId === 'signature') signatures[ok ? 'verified' : 'bad']++;
      else if (ok) filesVerified++;
      else filesBad.push(`${row.body.trackingNumber}:${m.sha256.slice(0, 12)}`);
    }
  }
  return {
    delivered: wanted.size - missing.length,
    missing,
    extra,
    duplicates,
    filesVerified,
    filesBad,
    signatures,
  };
}
