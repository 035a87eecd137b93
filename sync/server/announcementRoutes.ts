import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type AnnouncementDocument, announcementDocument } from '../protocol/documents';
import { newUuidV7, townCode } from '../protocol/ids';
import { countyDocumentScopes } from './collectionRules';
import type { Database } from './database';
import { readDocument, writeDocuments } from './documentStore';
import { badRequest, HttpError } from './gatewayErrors';
import { recordStaffAction, type StaffSession } from './staffAuth';

/**
 * County announcements (公告) that kiosks show on their attract screen: staff publish one for
 * the whole county or for some towns, and may withdraw it. Kiosks receive them by pulling the
 * `announcements` collection, which is scoped by town, so a town's notice reaches only its sites.
 */
const publishBody = z
  .object({
    title: z.string().trim().min(1).max(100),
    body: z.string().trim().max(5000).default(''),
    /** Until when it is shown; null = until withdrawn. */
    expiresAt: z.string().datetime({ offset: true }).nullable().default(null),
    /** 9-digit town codes; empty = every site of the county. */
    towns: z.array(townCode).max(200).default([]),
  })
  .strict();

export function registerAnnouncementRoutes(
  scope: FastifyInstance,
  db: Database,
  staffOf: (r: FastifyRequest) => StaffSession,
  now: () => Date = () => new Date(),
): void {
  /** Written with its audit entry in one transaction; NOTIFY tells the kiosks' streams. */
  const store = (doc: AnnouncementDocument, staff: StaffSession, action: string) =>
    db.transaction(async (tx) => {
      const body = doc as unknown as Record<string, unknown>;
      await writeDocuments(tx, db.changeChannel, 'announcements', [
        { id: doc.id, scopes: countyDocumentScopes('announcements', body), body },
      ]);
      await recordStaffAction(tx, staff, action, doc.id, { towns: doc.towns });
    });

  scope.get('/v1/staff/announcements', async () => {
    const rows = await db.query<{ body: AnnouncementDocument }>(
      "SELECT body FROM documents WHERE collection = 'announcements' AND NOT deleted ORDER BY body->>'publishedAt' DESC LIMIT 200",
    );
    return { items: rows.rows.map((r) => r.body) };
  });

  scope.post('/v1/staff/announcements', { bodyLimit: 32 * 1024 }, async (request, reply) => {
    const parsed = publishBody.safeParse(request.body);
    if (!parsed.success)
      throw badRequest(
        'bad_announcement',
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    const at = now();
    if (parsed.data.expiresAt && new Date(parsed.data.expiresAt) <= at)
      throw badRequest('bad_announcement', 'expiresAt is in the past');
    const doc = announcementDocument.parse({
      id: newUuidV7(),
      ...parsed.data,
      publishedAt: at.toISOString(),
      _deleted: false,
    });
    await store(doc, staffOf(request), 'announcement.publish');
    reply.code(201);
    return doc;
  });

  scope.post('/v1/staff/announcements/:id/withdraw', async (request) => {
    const id = (request.params as { id: string }).id;
    const existing = await readDocument(db, 'announcements', id);
    if (!existing) throw new HttpError(404, 'not_found', 'no such announcement', '没有这条公告。');
    await store(
      { ...(existing.body as AnnouncementDocument), _deleted: true },
      staffOf(request),
      'announcement.withdraw',
    );
    return { ok: true };
  });
}
