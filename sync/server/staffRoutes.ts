import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type ApplicationStatus, applicationDocument } from '../protocol/documents';
import { serviceDocument } from '../protocol/forms';
import { divisionCode } from '../protocol/ids';
import { registerAnnouncementRoutes } from './announcementRoutes';
import { publishServices } from './catalogSeed';
import type { Database } from './database';
import { registerDeviceSettingsRoutes } from './deviceSettingsRoutes';
import { readDocument, writeDocuments } from './documentStore';
import { createEnrollmentCode } from './enrollmentService';
import type { StoredFileReader } from './fileRoutes';
import type { ForwardingAdapter } from './forwarding';
import { badRequest, forbidden, HttpError } from './gatewayErrors';
import { login, logout, recordStaffAction, SESSION_COOKIE, sessionFromToken } from './staffAuth';
import { supplementLinks } from './supplementLinks';

/**
 * Staff JSON API under /v1/staff (documented in README.md). Cookie session; every action is
 * written to the staff audit log in the same transaction as its effect where there is one.
 */
export interface StaffRouteDeps {
  db: Database;
  forwarding: ForwardingAdapter;
  publicUrl: () => string;
  secureCookies: boolean;
  readStoredFile: StoredFileReader;
}

/** Staff actions and the status each one sets. */
export const STAFF_ACTIONS = {
  accept: 'accepted', // 受理
  requestCorrection: 'correctionRequired', // 补正
  complete: 'completed', // 办结
  refuse: 'notAccepted', // 不予受理
} as const satisfies Record<string, ApplicationStatus>;

const actionBody = z.object({
  action: z.enum(['accept', 'requestCorrection', 'complete', 'refuse']),
  note: z.string().max(1000).default(''),
});

/** Which statuses each action may start from. */
const ALLOWED_FROM: Record<keyof typeof STAFF_ACTIONS, ApplicationStatus[]> = {
  accept: ['received', 'correctionRequired'],
  requestCorrection: ['received', 'accepted'],
  complete: ['accepted'],
  refuse: ['received', 'correctionRequired', 'accepted'],
};

const listQuery = z.object({
  town: z
    .string()
    .regex(/^\d{9}$/)
    .optional(),
  serviceId: z.string().max(64).optional(),
  status: z.string().max(32).optional(),
  q: z.string().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const staffOf = (r: FastifyRequest) => r.staff!;

export async function registerStaffRoutes(app: FastifyInstance, deps: StaffRouteDeps): Promise<void> {
  const { db } = deps;

  app.post(
    '/v1/staff/login',
    { bodyLimit: 4096, config: { rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const body = z
        .object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) })
        .safeParse(request.body);
      if (!body.success) throw badRequest('bad_login', 'username and password are required');
      const { token, session } = await login(db, body.data.username, body.data.password);
      await recordStaffAction(db, session, 'login', null);
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: deps.secureCookies,
        path: '/v1/staff',
        maxAge: 12 * 3600,
      });
      return session;
    },
  );

  await app.register(async (scope) => {
    scope.addHook('onRequest', async (request) => {
      request.staff = await sessionFromToken(db, request.cookies[SESSION_COOKIE]);
    });

    scope.post('/v1/staff/logout', async (request, reply) => {
      await logout(db, request.cookies[SESSION_COOKIE]);
      reply.clearCookie(SESSION_COOKIE, { path: '/v1/staff' });
      return { ok: true };
    });

    scope.get('/v1/staff/me', async (request) => staffOf(request));

    scope.get('/v1/staff/applications', async (request) => {
      const q = listQuery.safeParse(request.query);
      if (!q.success) throw badRequest('bad_query', 'invalid filter');
      const where = ["collection = 'applications'"];
      const params: unknown[] = [];
      const add = (sql: string, value: unknown) => {
        params.push(value);
        where.push(sql.replace('?', `$${params.length}`));
      };
      if (q.data.town) add("body->>'siteDivision' LIKE ?", `${q.data.town}%`);
      if (q.data.serviceId) add("body->>'serviceId' = ?", q.data.serviceId);
      if (q.data.status) add("body->>'status' = ?", q.data.status);
      if (q.data.q) {
        params.push(q.data.q);
        const n = params.length;
        where.push(
          `(body->>'trackingNumber' = $${n} OR body->'applicant'->>'name' = $${n} OR body->'applicant'->>'idNumber' = $${n})`,
        );
      }
      params.push(q.data.limit, q.data.offset);
      const rows = await db.query<{ body: Record<string, unknown> }>(
        `SELECT body FROM documents WHERE ${where.join(' AND ')}
          ORDER BY created_at DESC, id LIMIT $${params.length - 1} OFFSET $${params.length}`,
        params,
      );
      return { items: rows.rows.map((r) => summarize(r.body)) };
    });

    scope.get('/v1/staff/applications/:id', async (request) => {
      const id = (request.params as { id: string }).id;
      const doc = await readDocument(db, 'applications', id);
      if (!doc) throw new HttpError(404, 'not_found', 'no such application', '没有这份申请。');
      const files = await db.query(
        'SELECT id, sha256, content_type AS "contentType", size, state FROM files WHERE application_id = $1 ORDER BY created_at',
        [id],
      );
      const links = await supplementLinks(db, id, doc.body);
      await recordStaffAction(db, staffOf(request), 'application.view', id);
      return { application: doc.body, files: files.rows, ...links };
    });

    scope.post('/v1/staff/applications/:id/actions', { bodyLimit: 8192 }, async (request) => {
      const id = (request.params as { id: string }).id;
      const body = actionBody.safeParse(request.body);
      if (!body.success)
        throw badRequest('bad_action', 'action must be accept, requestCorrection, complete or refuse');
      if (body.data.action !== 'accept' && body.data.action !== 'complete' && body.data.note.trim() === '') {
        throw new HttpError(400, 'note_required', 'this action needs a note', '补正和不予受理需要写明原因。');
      }
      const staff = staffOf(request);
      const updated = await db.transaction(async (tx) => {
        const row = (
          await tx.query<{ scopes: string[]; body: Record<string, unknown> }>(
            "SELECT scopes, body FROM documents WHERE collection = 'applications' AND id = $1 FOR UPDATE",
            [id],
          )
        ).rows[0];
        if (!row) throw new HttpError(404, 'not_found', 'no such application', '没有这份申请。');
        const app = applicationDocument.parse(row.body);
        if (!ALLOWED_FROM[body.data.action].includes(app.status)) {
          throw new HttpError(
            409,
            'bad_transition',
            `cannot ${body.data.action} from ${app.status}`,
            '当前状态不能进行这个操作。',
          );
        }
        const status = STAFF_ACTIONS[body.data.action];
        const at = new Date().toISOString();
        const note = body.data.note || undefined;
        const next = {
          ...app,
          status,
          staffNote: body.data.note || null,
          history: [...app.history, { status, at, by: staff.username, ...(note ? { note } : {}) }],
        };
        await writeDocuments(tx, db.changeChannel, 'applications', [{ id, scopes: row.scopes, body: next }]);
        await recordStaffAction(tx, staff, `application.${body.data.action}`, id, {
          from: app.status,
          to: status,
        });
        return next;
      });
      if (body.data.action === 'accept') {
        try {
          const r = await deps.forwarding.forward(updated);
          await recordStaffAction(db, staff, 'application.forwarded', id, {
            adapter: deps.forwarding.name,
            ...r,
          });
        } catch (error) {
          request.log.warn({ applicationId: id, err: String(error) }, 'forwarding failed');
          await recordStaffAction(db, staff, 'application.forwardFailed', id, {
            adapter: deps.forwarding.name,
            error: String(error),
          });
        }
      }
      return updated;
    });

    // A scanned page of an application (verified uploads only), shown inline in the console.
    scope.get('/v1/staff/files/:id', async (request, reply) => {
      const id = (request.params as { id: string }).id;
      const file = await deps.readStoredFile(id);
      if (!file) throw new HttpError(404, 'not_found', 'no such verified file', '没有这个文件。');
      await recordStaffAction(db, staffOf(request), 'file.view', id);
      reply
        .header('content-type', file.contentType)
        .header('content-length', String(file.size))
        .header('content-disposition', 'inline')
        .header('cache-control', 'private, no-store');
      return reply.send(file.stream);
    });

    scope.get('/v1/staff/devices', async () => {
      const rows = await db.query(
        `SELECT id, division, site_code AS "siteCode", site_name AS "siteName", bundle, label, app_version AS "appVersion",
                enrolled_at AS "enrolledAt", revoked_at AS "revokedAt", last_seen_at AS "lastSeenAt", last_heartbeat AS "lastHeartbeat"
           FROM devices ORDER BY division, site_code`,
      );
      return { items: rows.rows };
    });

    registerDeviceSettingsRoutes(scope, db);

    scope.post('/v1/staff/devices/:id/revoke', async (request) => {
      const id = (request.params as { id: string }).id;
      const r = await db.query<{ id: string }>(
        'UPDATE devices SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id',
        [id],
      );
      if (r.rows.length === 0)
        throw new HttpError(404, 'not_found', 'no such active device', '没有这台设备，或已经停用。');
      await recordStaffAction(db, staffOf(request), 'device.revoke', id);
      return { ok: true };
    });

    scope.get('/v1/staff/enrollment-codes', async () => {
      const rows = await db.query(
        `SELECT division, site_name AS "siteName", bundle, created_by AS "createdBy", created_at AS "createdAt",
                expires_at AS "expiresAt", used_at AS "usedAt", device_id AS "deviceId"
           FROM enrollment_codes ORDER BY created_at DESC LIMIT 200`,
      );
      return { items: rows.rows };
    });

    scope.post('/v1/staff/enrollment-codes', { bodyLimit: 4096 }, async (request) => {
      const body = z
        .object({
          division: divisionCode,
          siteName: z.string().min(1).max(80),
          bundle: z.string().min(1).max(40).default('default'),
          ttlMinutes: z.number().int().positive().optional(),
        })
        .safeParse(request.body);
      if (!body.success)
        throw badRequest('bad_code_request', 'division (12 digits) and siteName are required');
      const staff = staffOf(request);
      const created = await createEnrollmentCode(
        db,
        { ...body.data, createdBy: staff.username },
        deps.publicUrl(),
      );
      await recordStaffAction(db, staff, 'enrollment.create', body.data.division, {
        siteName: body.data.siteName,
      });
      return created;
    });

    scope.get('/v1/staff/services', async () => {
      const rows = await db.query<{ body: Record<string, unknown> }>(
        "SELECT body FROM documents WHERE collection = 'services' ORDER BY id",
      );
      return { items: rows.rows.map((r) => r.body) };
    });

    scope.post('/v1/staff/services', { bodyLimit: 256 * 1024 }, async (request) => {
      const staff = staffOf(request);
      if (staff.role !== 'admin') throw forbidden('admin_only', 'only administrators publish the catalogue');
      const parsed = serviceDocument.safeParse(request.body);
      if (!parsed.success)
        throw badRequest('bad_service', parsed.error.issues[0]?.message ?? 'invalid service');
      const published = await db.transaction(async (tx) => {
        const out = await publishServices(db, [parsed.data], staff.username, tx);
        await recordStaffAction(tx, staff, 'service.publish', parsed.data.id, { version: out[0]?.version });
        return out[0];
      });
      return published;
    });

    registerAnnouncementRoutes(scope, db, staffOf);

    scope.get('/v1/staff/ratings/stats', async () => {
      const levels = await db.query<{ level: number; n: number }>(
        "SELECT (body->>'level')::int AS level, count(*)::int AS n FROM documents WHERE collection = 'ratings' GROUP BY 1 ORDER BY 1",
      );
      const bad = await db.query<{ body: Record<string, unknown> }>(
        "SELECT body FROM documents WHERE collection = 'ratings' AND (body->>'level')::int <= 2 ORDER BY created_at DESC LIMIT 500",
      );
      return { byLevel: levels.rows, badReviews: bad.rows.map((r) => r.body) };
    });

    scope.get('/v1/staff/audit', async (request) => {
      const q = z
        .object({ limit: z.coerce.number().int().min(1).max(500).default(100) })
        .safeParse(request.query);
      if (!q.success) throw badRequest('bad_query', 'invalid limit');
      const rows = await db.query(
        'SELECT id::text AS id, username, action, target, details, at FROM staff_audit ORDER BY id DESC LIMIT $1',
        [q.data.limit],
      );
      return { items: rows.rows };
    });
  });
}

/** List rows show masked personal data; the detail view (logged) shows it in full. */
function summarize(body: Record<string, unknown>) {
  const applicant = body.applicant as { name?: string } | undefined;
  const name = Array.from(applicant?.name ?? '');
  return {
    id: body.id,
    trackingNumber: body.trackingNumber,
    siteDivision: body.siteDivision,
    serviceId: body.serviceId,
    status: body.status,
    submittedAt: body.submittedAt,
    filesComplete: body.filesComplete,
    applicantMasked: name.length > 0 ? `${name[0]}${'*'.repeat(Math.max(1, name.length - 1))}` : '',
  };
}
