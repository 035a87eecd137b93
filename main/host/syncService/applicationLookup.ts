import { createHash } from 'node:crypto';
import { maskIdNumber, maskName } from '../../../contract/privacy/mask';
import type { ApplicationSummary } from '../../../contract/queue';
import type { GatewayClient } from '../../../sync/client/gatewayClient';
import type { ApplicationDocument } from '../../../sync/protocol/documents';
import type { Journal } from '../journal/journal';

/**
 * 我的办件: status lookup by ID number or tracking number. Pending applications come from the
 * journal (status 'submitted'); everything the county knows about this site comes from a pull of
 * the applications collection, kept incrementally from its checkpoint. Only summaries and a hash
 * of the ID number are kept in memory; the answer never carries personal data.
 */
interface Entry {
  summary: ApplicationSummary;
  idHash: string;
  /** Masked already (张*丰, 4416**********1234): what a printed result notice may show. */
  maskedApplicant: { name: string; idNumber: string };
}

/** What a result notice is printed from: the summary plus the applicant, masked. */
export interface NoticeSource {
  summary: ApplicationSummary;
  maskedApplicant: { name: string; idNumber: string };
}

const hashId = (idNumber: string) => createHash('sha256').update(idNumber.trim().toUpperCase()).digest('hex');

function summarize(doc: Partial<ApplicationDocument> & { id: string }): Entry {
  return {
    idHash: hashId(doc.applicant?.idNumber ?? ''),
    maskedApplicant: {
      name: maskName(doc.applicant?.name ?? ''),
      idNumber: maskIdNumber(doc.applicant?.idNumber ?? ''),
    },
    summary: {
      applicationId: doc.id,
      trackingNumber: doc.trackingNumber ?? '',
      serviceId: doc.serviceId ?? '',
      submittedAt: doc.submittedAt ?? '',
      status: doc.status ?? 'submitted',
      history: (doc.history ?? []).map((h) =>
        h.note ? { status: h.status, at: h.at, note: h.note } : { status: h.status, at: h.at },
      ),
      staffNote: doc.staffNote ?? null,
    },
  };
}

export class ApplicationLookup {
  private readonly county = new Map<string, Entry>();
  private seq = 0;

  constructor(
    private readonly journal: Journal,
    private readonly client: GatewayClient | null,
  ) {}

  /** Catch up with the county; offline is not an error (the journal still answers). */
  private async refresh(): Promise<void> {
    if (!this.client) return;
    try {
      for (let page = 0; page < 50; page++) {
        const res = await this.client.pull<ApplicationDocument>('applications', { seq: this.seq }, 500);
        for (const doc of res.documents) this.county.set(doc.id, summarize(doc));
        this.seq = res.checkpoint.seq;
        if (res.documents.length < 500) return;
      }
    } catch {
      // The link is down: answer from what we have.
    }
  }

  async find(query: { idNumber: string } | { trackingNumber: string }): Promise<ApplicationSummary[]> {
    await this.refresh();
    const matches = (e: Entry) =>
      'idNumber' in query
        ? e.idHash === hashId(query.idNumber)
        : e.summary.trackingNumber === query.trackingNumber.trim();
    const found = new Map<string, ApplicationSummary>();
    for (const doc of this.journal.pending()) {
      const entry = summarize(doc);
      if (matches(entry)) found.set(doc.id, entry.summary);
    }
    // The county's view wins: it has the status.
    for (const entry of this.county.values())
      if (matches(entry)) found.set(entry.summary.applicationId, entry.summary);
    return [...found.values()].sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
  }

  /**
   * One application by id or tracking number, as the county last reported it (the journal when
   * the county has not seen it yet). For the result notice: the host prints from this, never
   * from what the renderer sends.
   */
  async noticeSource(
    query: { applicationId: string } | { trackingNumber: string },
  ): Promise<NoticeSource | null> {
    await this.refresh();
    const matches = (e: Entry) =>
      'applicationId' in query
        ? e.summary.applicationId === query.applicationId
        : e.summary.trackingNumber === query.trackingNumber.trim();
    const found =
      [...this.county.values()].find(matches) ?? this.journal.pending().map(summarize).find(matches);
    return found ? { summary: found.summary, maskedApplicant: found.maskedApplicant } : null;
  }
}
