import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GatewayClient } from '../../../sync/client/gatewayClient';
import type { AuditDocument } from '../../../sync/protocol/documents';
import { newUuidV7 } from '../../../sync/protocol/ids';
import { writeFileAtomic } from '../secure/atomicFile';

const FILE = 'audit-outbox.json';

export interface AuditEntry {
  clerkId: string | null;
  action: string;
  target: string | null;
  details?: Record<string, string | number | boolean | null>;
}

/**
 * Clerk actions on their way to the county's audit collection. Written to disk before the action
 * is confirmed to the screen, pushed with the next county contact, dropped only once the county
 * accepted them. Entries name clerks and application ids, never villagers' personal data.
 */
export class ClerkAuditTrail {
  private pending: AuditDocument[] = [];

  constructor(
    private readonly stateDir: string,
    private readonly site: () => { division: string; deviceId: string },
    private readonly now: () => Date = () => new Date(),
  ) {}

  async load(): Promise<void> {
    try {
      this.pending = JSON.parse(await readFile(join(this.stateDir, FILE), 'utf8'));
    } catch {}
  }

  /** Entries not yet acknowledged by the county (what the next push sends). */
  queued(): readonly AuditDocument[] {
    return this.pending;
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  entries(): readonly AuditDocument[] {
    return this.pending;
  }

  async record(entry: AuditEntry): Promise<void> {
    const { division, deviceId } = this.site();
    const at = this.now();
    this.pending.push({
      id: newUuidV7(at.getTime()),
      siteDivision: division,
      deviceId,
      clerkId: entry.clerkId,
      action: entry.action,
      target: entry.target,
      at: at.toISOString(),
      details: entry.details ?? {},
      rejectionReason: null,
      _deleted: false,
    });
    await this.save();
  }

  /** Pushes what is pending; the county answers rejections as data, so every row sent is done. */
  async push(client: GatewayClient): Promise<number> {
    const batch = this.pending.slice(0, 100);
    if (batch.length === 0) return 0;
    await client.push(
      'audit',
      batch.map((doc) => ({ assumedMasterState: null, newDocumentState: { ...doc } })),
    );
    const sent = new Set(batch.map((d) => d.id));
    this.pending = this.pending.filter((d) => !sent.has(d.id));
    await this.save();
    return batch.length;
  }

  private save(): Promise<void> {
    return writeFileAtomic(join(this.stateDir, FILE), Buffer.from(JSON.stringify(this.pending)), 0o600);
  }
}
