import type { Database } from '../../sync/server/database';
import { writeDocuments } from '../../sync/server/documentStore';

/**
 * The county's settings for a bench kiosk: no opening hours, i.e. open around the clock (as the
 * staff console would set it), so sessions through the screens do not meet the closed screen
 * whatever the hour of the run is in China.
 */
export async function openAllDay(db: Database, deviceId: string): Promise<void> {
  const current = (
    await db.query<{ body: Record<string, unknown> }>(
      "SELECT body FROM documents WHERE collection = 'settings' AND id = $1",
      [deviceId],
    )
  ).rows[0];
  if (!current) throw new Error('the county made no settings for the bench kiosk');
  await db.transaction((tx) =>
    writeDocuments(tx, db.changeChannel, 'settings', [
      {
        id: deviceId,
        scopes: [`device:${deviceId}`],
        body: { ...current.body, openingHours: [], updatedAt: new Date().toISOString() },
      },
    ]),
  );
}
