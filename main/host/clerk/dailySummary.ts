import {
  chinaDate,
  type DailySummaryAnswer,
  STATUS_WORDS_ZH,
  type TownQueueItem,
} from '../../../contract/clerkQueue';
import type { DailySummaryModel, PrintJobView } from '../../../drivers/printer/schemas';

/**
 * The day's counts for the clerk's slip: by service and by status, and how many are still on
 * this kiosk. Counts only — the slip is left on the counter, so it must hold no personal data.
 * The day is China Standard Time's, whatever the kiosk's own time zone is set to.
 */
export function summarizeDay(
  items: readonly TownQueueItem[],
  jobs: readonly PrintJobView[],
  date: string,
  serviceNames: Record<string, string>,
): Omit<DailySummaryAnswer, 'job'> {
  const ofDay = items.filter((i) => chinaDate(i.submittedAt) === date);
  const byService = new Map<string, number>();
  const byStatus: Record<string, number> = {};
  for (const item of ofDay) {
    byService.set(item.serviceId, (byService.get(item.serviceId) ?? 0) + 1);
    byStatus[item.status] = (byStatus[item.status] ?? 0) + 1;
  }
  const queuedOffline = ofDay.filter((i) => i.syncState !== 'atCounty').length;
  return {
    date,
    byService: [...byService.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([serviceId, count]) => ({ serviceId, serviceName: serviceNames[serviceId] ?? serviceId, count })),
    byStatus,
    total: ofDay.length,
    queuedOffline,
    synced: ofDay.length - queuedOffline,
    failedPrints: jobs.filter(
      (j) => j.kind === 'receipt' && j.status === 'failed' && chinaDate(j.createdAt) === date,
    ).length,
  };
}

export function dailySummaryModel(
  summary: Omit<DailySummaryAnswer, 'job'>,
  site: { siteName: string; kioskId: string; clerkName: string; printedAt: string },
): DailySummaryModel {
  return {
    siteName: site.siteName,
    kioskId: site.kioskId,
    date: summary.date,
    services: summary.byService.map((s) => ({ serviceName: s.serviceName, count: s.count })),
    statuses: Object.entries(summary.byStatus).map(([status, count]) => ({
      label: STATUS_WORDS_ZH[status as keyof typeof STATUS_WORDS_ZH] ?? status,
      count,
    })),
    queuedOffline: summary.queuedOffline,
    synced: summary.synced,
    failedPrints: summary.failedPrints,
    clerkName: site.clerkName,
    printedAt: site.printedAt,
  };
}
