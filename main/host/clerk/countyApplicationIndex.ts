import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { maskName } from '../../../contract/privacy/mask';
import type { ApplicationDocument, ApplicationStatus, Person } from '../../../sync/protocol/documents';
import type { PullResponse } from '../../../sync/protocol/replication';
import { writeFileAtomic } from '../secure/atomicFile';
import type { Sealer } from '../secure/sealedBox';

/** What the clerk's list needs of a county document: no personal data beyond the masked name. */
export interface CountyEntry {
  id: string;
  trackingNumber: string;
  serviceId: string;
  serviceVersion: number;
  submittedAt: string;
  applicantMasked: string;
  status: ApplicationStatus;
  rejectionReason: string | null;
  staffNote: string | null;
  filesComplete: boolean;
  materialIds: string[];
  supplementOf: string | null;
  assisted: boolean;
}

/**
 * The submitted content a 补正 supplement repeats: held in memory only, never written to disk,
 * and only while the county asks for the correction.
 */
export interface OriginalContent {
  applicant: Person;
  agent: ApplicationDocument['agent'];
  formValues: Record<string, unknown>;
  serviceId: string;
  serviceVersion: number;
}

export type PullPage = (seq: number, limit: number) => Promise<PullResponse>;

const FILE = 'town-queue.sealed';
const AAD = Buffer.from('cunban-town-queue-v1');
const PAGE = 500;

function entryOf(doc: Partial<ApplicationDocument> & { id: string }): CountyEntry {
  return {
    id: doc.id,
    trackingNumber: doc.trackingNumber ?? '',
    serviceId: doc.serviceId ?? '',
    serviceVersion: doc.serviceVersion ?? 1,
    submittedAt: doc.submittedAt ?? '',
    applicantMasked: doc.applicant?.name ? maskName(doc.applicant.name) : '',
    status: doc.status ?? 'received',
    rejectionReason: doc.rejectionReason ?? null,
    staffNote: doc.staffNote ?? null,
    filesComplete: doc.filesComplete === true,
    materialIds: (doc.materials ?? []).map((m) => m.materialId),
    supplementOf: doc.supplementOf ?? null,
    assisted: Boolean(doc.assistedBy),
  };
}

/**
 * The county's view of this site's applications, for the clerk's list: status, rejection reason,
 * 补正 note. Each process pulls from the start once (the county's answer is the truth, and a
 * village site has hundreds, not millions), then incrementally. The masked summaries are kept
 * sealed on disk so a kiosk restarted while offline still shows what the county said last.
 */
export class CountyApplicationIndex {
  private entries = new Map<string, CountyEntry>();
  private originals = new Map<string, OriginalContent>();
  private seq = 0;
  refreshedAt: string | null = null;
  private refreshing: Promise<boolean> | undefined;

  constructor(
    private readonly stateDir: string,
    private readonly sealer: Sealer,
    private readonly pull: () => PullPage | null,
    private readonly now: () => Date = () => new Date(),
    /** A village link can hang rather than fail; a hung pull must not hold every later refresh. */
    private readonly pageTimeoutMs = 15_000,
  ) {}

  async load(): Promise<void> {
    try {
      const data = JSON.parse(
        this.sealer.open(await readFile(join(this.stateDir, FILE)), AAD).toString('utf8'),
      ) as { refreshedAt: string | null; entries: CountyEntry[] };
      this.refreshedAt = data.refreshedAt;
      this.entries = new Map(data.entries.map((e) => [e.id, e]));
    } catch {
      // None yet, or sealed with an earlier data key: the next pull fills it.
    }
  }

  list(): CountyEntry[] {
    return [...this.entries.values()];
  }

  get(id: string): CountyEntry | undefined {
    return this.entries.get(id);
  }

  /** The original's content as the county holds it, if this process has pulled it. */
  original(id: string): OriginalContent | undefined {
    return this.originals.get(id);
  }

  /** Like `refresh`, but answers after `ms` at the latest (the refresh goes on behind). */
  async refreshWithin(ms: number): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      this.refresh(),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, ms);
      }),
    ]);
    clearTimeout(timer);
  }

  /** Catches up with the county; false when it cannot be reached (the last view stays). */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.catchUp().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async catchUp(): Promise<boolean> {
    const pull = this.pull();
    if (!pull) return false;
    try {
      for (let page = 0; page < 200; page++) {
        const res = await withTimeout(pull(this.seq, PAGE), this.pageTimeoutMs);
        for (const raw of res.documents) {
          const doc = raw as Partial<ApplicationDocument> & { id: string };
          if (doc._deleted) {
            this.entries.delete(doc.id);
            this.originals.delete(doc.id);
            continue;
          }
          this.entries.set(doc.id, entryOf(doc));
          // Only what a supplement may need: a villager's data is not kept for anything else.
          this.originals.delete(doc.id);
          if (doc.status === 'correctionRequired' && doc.applicant && doc.serviceId && doc.serviceVersion) {
            this.originals.set(doc.id, {
              applicant: doc.applicant,
              agent: doc.agent ?? null,
              formValues: doc.formValues ?? {},
              serviceId: doc.serviceId,
              serviceVersion: doc.serviceVersion,
            });
          }
        }
        this.seq = res.checkpoint.seq;
        if (res.documents.length < PAGE) break;
      }
    } catch {
      return false;
    }
    this.refreshedAt = this.now().toISOString();
    await this.save();
    return true;
  }

  private save(): Promise<void> {
    const data = { refreshedAt: this.refreshedAt, entries: this.list() };
    return writeFileAtomic(
      join(this.stateDir, FILE),
      this.sealer.seal(Buffer.from(JSON.stringify(data)), AAD),
      0o600,
    );
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`county pull took longer than ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
