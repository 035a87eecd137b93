import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { powerSchedule, settingsDocument } from '../protocol/documents';
import type { Database } from './database';
import { writeDocuments } from './documentStore';
import { HttpError } from './gatewayErrors';
import { recordStaffAction } from './staffAuth';

/**
 * A kiosk's remote settings in the county console: read them, change some keys. The kiosk pulls
 * the document with its heartbeat and applies it without a restart. Every key is validated with
 * the same schema the kiosk parses it with, so a change can never be one the kiosk ignores.
 */
const settingsPatch = z
  .object({
    openingHours: settingsDocument.shape.openingHours.optional(),
    idleTimeoutSeconds: settingsDocument.shape.idleTimeoutSeconds.optional(),
    enabledServices: z.array(z.string().min(1).max(64)).max(500).optional(),
    powerSchedule: powerSchedule.optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' });

const bad = (message: string) => new HttpError(400, 'bad_settings', message, `设置的内容不对：${message}`);

export function registerDeviceSettingsRoutes(scope: FastifyInstance, db: Database): void {
  scope.get('/v1/staff/devices/:id/settings', async (request) => {
    const id = (request.params as { id: string }).id;
    const row = (
      await db.query<{ body: Record<string, unknown> }>(
        "SELECT body FROM documents WHERE collection = 'settings' AND id = $1",
        [id],
      )
    ).rows[0];
    if (!row) throw notFound();
    return settingsDocument.parse(row.body);
  });

  scope.put('/v1/staff/devices/:id/settings', { bodyLimit: 16 * 1024 }, async (request) => {
    const id = (request.params as { id: string }).id;
    const patch = settingsPatch.safeParse(request.body);
    if (!patch.success)
      throw bad(patch.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '));
    const staff = request.staff!;
    return db.transaction(async (tx) => {
      const row = (
        await tx.query<{ body: Record<string, unknown> }>(
          "SELECT body FROM documents WHERE collection = 'settings' AND id = $1 FOR UPDATE",
          [id],
        )
      ).rows[0];
      if (!row) throw notFound();
      const current = settingsDocument.parse(row.body);
      // The kiosk keeps only a newer document: never hand it the same timestamp twice.
      const updatedAt = new Date(Math.max(Date.now(), Date.parse(current.updatedAt) + 1)).toISOString();
      const next = settingsDocument.parse({ ...current, ...patch.data, updatedAt });
      await writeDocuments(tx, db.changeChannel, 'settings', [{ id, scopes: [`device:${id}`], body: next }]);
      await recordStaffAction(tx, staff, 'device.settings', id, { keys: Object.keys(patch.data) });
      return next;
    });
  });
}

const notFound = () => new HttpError(404, 'not_found', 'no settings for this device', '没有这台设备的设置。');
