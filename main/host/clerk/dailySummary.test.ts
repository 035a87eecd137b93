import { describe, expect, it } from 'vitest';
import type { TownQueueItem } from '../../../contract/clerkQueue';
import { EscPosDecoder } from '../../../drivers/printer/codec/escposDecoder';
import { DocumentAssembler, documentText } from '../../../drivers/printer/codec/printedDocument';
import { dailySummaryLayout } from '../../../drivers/printer/layouts/dailySummaryLayout';
import type { PrintJobView } from '../../../drivers/printer/schemas';
import { dailySummaryModel, summarizeDay } from './dailySummary';

const item = (submittedAt: string, over: Partial<TownQueueItem> = {}): TownQueueItem => ({
  applicationId: submittedAt,
  trackingNumber: `T-${submittedAt}`,
  serviceId: 'S06-gaoling-jintie',
  submittedAt,
  applicantMasked: '蓝*婆',
  syncState: 'atCounty',
  status: 'received',
  rejectionReason: null,
  staffNote: null,
  materialIds: [],
  supplementOf: null,
  supplements: [],
  assisted: false,
  ...over,
});

const job = (createdAt: string, status: PrintJobView['status']): PrintJobView => ({
  id: createdAt,
  kind: 'receipt',
  status,
  attempts: 1,
  createdAt,
  updatedAt: createdAt,
});

describe('daily summary', () => {
  it('counts the China Standard Time day by service and status, and what is still on the kiosk', () => {
    const items = [
      item('2026-12-03T15:59:59Z'), // 23:59:59 on the 3rd in Beijing: not the 4th
      item('2026-12-03T16:00:00Z'), // 00:00 on the 4th
      item('2026-12-04T09:00:00Z', { syncState: 'queued', status: 'submitted' }),
      item('2026-12-04T10:00:00Z', { serviceId: 'S09-dibao', status: 'rejected' }),
      item('2026-12-04T15:59:00Z', { status: 'correctionRequired', syncState: 'filesPending' }),
    ];
    const jobs = [
      job('2026-12-04T09:00:01Z', 'failed'),
      job('2026-12-04T09:00:02Z', 'printed'),
      job('2026-12-03T01:00:00Z', 'failed'),
    ];
    const s = summarizeDay(items, jobs, '2026-12-04', { 'S06-gaoling-jintie': '高龄老人津贴申请' });
    expect(s).toEqual({
      date: '2026-12-04',
      byService: [
        { serviceId: 'S06-gaoling-jintie', serviceName: '高龄老人津贴申请', count: 3 },
        { serviceId: 'S09-dibao', serviceName: 'S09-dibao', count: 1 },
      ],
      byStatus: { received: 1, submitted: 1, rejected: 1, correctionRequired: 1 },
      total: 4,
      queuedOffline: 2,
      synced: 2,
      failedPrints: 1,
    });
    expect(summarizeDay(items, jobs, '2020-01-01', {}).total).toBe(0);
  });

  it('prints the status counts in words on the slip, and no personal data', () => {
    const s = summarizeDay(
      [item('2026-12-04T03:00:00Z', { status: 'correctionRequired' })],
      [],
      '2026-12-04',
      {
        'S06-gaoling-jintie': '高龄老人津贴申请',
      },
    );
    const model = dailySummaryModel(s, {
      siteName: '下蓝村党群服务中心',
      kioskId: '44162520000101',
      clerkName: '蓝*梅',
      printedAt: '2026-12-04T10:00:00Z',
    });
    const decoder = new EscPosDecoder();
    const [doc] = new DocumentAssembler().accept(decoder.push(dailySummaryLayout(model, { paper: '58mm' })));
    const text = documentText(doc!);
    expect(text).toContain('高龄老人津贴申请');
    expect(text).toContain('需补正');
    expect(text).not.toContain('蓝*婆');
  });
});
