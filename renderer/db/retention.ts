import type { KioskDatabase } from './kioskDatabase';

/**
 * Personal data leaves the kiosk `days` after the county acknowledged the application (it holds
 * the document and every page). What stays is the masked document: enough for a status lookup.
 * Acknowledgement is noted the first time a sweep sees it, so the clock starts on this kiosk.
 */
export function isAcknowledged(app: Record<string, unknown>): boolean {
  return app.status !== 'submitted' && (app.filesComplete === true || app.status === 'rejected');
}

export async function sweepPersonalData(
  db: KioskDatabase,
  days: number,
  now = new Date(),
): Promise<{ marked: number; deleted: number }> {
  let marked = 0;
  let deleted = 0;
  const cutoff = now.getTime() - days * 86_400_000;
  for (const personal of await db.personal.find().exec()) {
    const app = await db.applications.findOne(personal.id).exec();
    if (!app || !isAcknowledged(app.toJSON() as Record<string, unknown>)) continue;
    if (!personal.acknowledgedAt) {
      await personal.incrementalPatch({ acknowledgedAt: now.toISOString() });
      marked++;
      continue;
    }
    if (Date.parse(personal.acknowledgedAt) <= cutoff) {
      // Overwrite before removing: a deleted RxDB document keeps its last state as a tombstone.
      const emptied = await personal.incrementalPatch({ iv: '', data: '' });
      await emptied.remove();
      deleted++;
    }
  }
  return { marked, deleted };
}
