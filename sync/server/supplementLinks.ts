import type { Queryable } from './database';

/** How the console names an application it links to: no personal data, just enough to find it. */
export interface LinkedApplication {
  id: string;
  trackingNumber: string;
  status: string;
  submittedAt: string;
  filesComplete: boolean;
}

function linked(body: Record<string, unknown>): LinkedApplication {
  return {
    id: String(body.id),
    trackingNumber: String(body.trackingNumber ?? ''),
    status: String(body.status ?? ''),
    submittedAt: String(body.submittedAt ?? ''),
    filesComplete: body.filesComplete === true,
  };
}

/**
 * 补正 links for the staff detail page: the supplements a kiosk sent for this application (newest
 * last, so staff read them in the order they came), and, when this one is itself a supplement,
 * the application it completes.
 */
export async function supplementLinks(
  q: Queryable,
  id: string,
  body: Record<string, unknown>,
): Promise<{ supplements: LinkedApplication[]; supplementOf: LinkedApplication | null }> {
  const rows = await q.query<{ body: Record<string, unknown> }>(
    "SELECT body FROM documents WHERE collection = 'applications' AND body->>'supplementOf' = $1 ORDER BY created_at, id",
    [id],
  );
  let original: LinkedApplication | null = null;
  if (typeof body.supplementOf === 'string') {
    const r = await q.query<{ body: Record<string, unknown> }>(
      "SELECT body FROM documents WHERE collection = 'applications' AND id = $1",
      [body.supplementOf],
    );
    original = r.rows[0] ? linked(r.rows[0].body) : null;
  }
  return { supplements: rows.rows.map((r) => linked(r.body)), supplementOf: original };
}
