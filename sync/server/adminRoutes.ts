import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { divisionCode } from '../protocol/ids';
import type { Database } from './database';
import { createEnrollmentCode } from './enrollmentService';
import { forbidden } from './gatewayErrors';
import { recordStaffAction } from './staffAuth';

/**
 * Loopback-only admin calls for the CLI while the server runs (PGlite allows one process per
 * data directory, so `county enroll` asks the running server instead of opening the files).
 * The token lives in the data directory with mode 0600.
 */
export async function registerAdminRoutes(
  app: FastifyInstance,
  db: Database,
  token: string,
  publicUrl: () => string,
) {
  const expected = Buffer.from(token);
  app.post('/v1/admin/enrollment-codes', { bodyLimit: 4096 }, async (request) => {
    const given = Buffer.from(String(request.headers['x-cunban-admin-token'] ?? ''));
    const loopback = request.ip === '127.0.0.1' || request.ip === '::1' || request.ip === '::ffff:127.0.0.1';
    if (!loopback || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw forbidden('admin_only', 'admin token required');
    }
    const body = z
      .object({
        division: divisionCode,
        siteName: z.string().min(1).max(80),
        bundle: z.string().min(1).max(40),
        ttlMinutes: z.number().int().positive().optional(),
      })
      .parse(request.body);
    const created = await createEnrollmentCode(db, { ...body, createdBy: 'cli' }, publicUrl());
    await recordStaffAction(db, null, 'enrollment.create', body.division, { siteName: body.siteName });
    return created;
  });
}
