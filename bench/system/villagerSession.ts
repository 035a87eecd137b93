import type { Page } from 'playwright-core';
import type { KioskApi } from '../../contract/kioskApi';

/**
 * One villager session driven through the real contract from inside the Chromium page
 * (`window.kioskApi`, the same object the React app uses): place a demo card and wait for the
 * read, scan one page of the household register on the simulated scanner, submit through
 * `queue.submit` (journal first), print the receipt, take the card away. Driving the screens
 * themselves is e2e/journey.e2e.test.ts's job; here the figure is the system's pace.
 */
export interface SessionResult {
  tracking: string;
  printState: string;
  pages: number;
}

export function runSession(page: Page, fixtureId: string, division: string): Promise<SessionResult> {
  return page.evaluate(
    async ({ fixtureId, division }) => {
      const api = (window as unknown as { kioskApi: KioskApi }).kioskApi;
      const card = await new Promise<{ name: string; idNumber: string }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no card event within 10 s')), 10_000);
        const off = api.subscribe('idcard.card', (event) => {
          clearTimeout(timer);
          off();
          resolve(event.card);
        });
        api.request('demo.idcard.place', { fixtureId }).catch(reject);
      });
      const scan = await api.request('capture.scan', {
        capture: { material: 'household-register' },
        scan: {},
      });
      if (scan.outcome.status !== 'completed')
        throw new Error(`scan ${scan.outcome.status}: ${scan.outcome.error}`);
      const submitted = await api.request('queue.submit', {
        serviceId: 'S06-gaoling-jintie',
        serviceVersion: 1,
        applicant: { name: card.name, idNumber: card.idNumber, phone: '13800138000' },
        agent: null,
        formValues: {
          name: card.name,
          idNumber: card.idNumber,
          gender: '2',
          phone: '13800138000',
          householdAddress: { division, detail: '下蓝村3号' },
          birthDate: '1944-05-01',
          bankAccount: { holder: card.name, account: '6221880012345678', bank: '东源农商银行' },
          signature: 'a'.repeat(64),
        },
        materials: scan.pages.map((p: { sha256: string; size: number }) => ({
          materialId: 'hukou',
          sha256: p.sha256,
          size: p.size,
          contentType: 'image/jpeg',
          credibility: 'scanned',
        })),
        assistedBy: null,
        supplementOf: null,
      });
      if (!submitted.ok) throw new Error(`submit refused: ${submitted.reason} ${submitted.message}`);
      const doc = submitted.document;
      // A session ends when the paper is out: wait for the job's final state, not its queueing.
      const done = new Set(['printed', 'failed', 'uncertain']);
      // Final states seen by job id: the event may come before printReceipt's answer does.
      const finals = new Map<string, string>();
      // No named function values here: tsx would wrap them in a `__name` helper the page lacks.
      let wake: (() => void) | undefined;
      const off = api.subscribe('printer.job', (job) => {
        if (done.has(job.status)) finals.set(job.id, job.status);
        wake?.();
      });
      const job = await api.request('printer.printReceipt', {
        siteName: '演示站点（模拟）',
        kioskId: doc.deviceId,
        serviceName: '高龄津贴',
        trackingNumber: doc.trackingNumber,
        statusUrl: 'http://127.0.0.1/status',
        applicantName: card.name,
        applicantIdNumber: card.idNumber,
        materials: [{ name: '户口簿', received: true }],
        submittedAt: doc.submittedAt,
        legalProcessingTime: '20 个工作日',
        resultCollection: '短信通知',
        queuedOffline: true,
        townOfficePhone: '0763-0000000',
      });
      if (done.has(job.status)) finals.set(job.id, job.status);
      const started = Date.now();
      while (!finals.has(job.id)) {
        if (Date.now() - started > 20_000) throw new Error('receipt not printed within 20 s');
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 1000);
        });
      }
      off();
      const finalState = finals.get(job.id)!;
      await api.request('demo.idcard.remove', {});
      return { tracking: doc.trackingNumber, printState: finalState, pages: scan.pages.length };
    },
    { fixtureId, division },
  );
}
