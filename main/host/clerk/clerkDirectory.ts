import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GatewayClient } from '../../../sync/client/gatewayClient';
import { clerkDocument } from '../../../sync/protocol/documents';
import { writeFileAtomic } from '../secure/atomicFile';
import type { Sealer } from '../secure/sealedBox';

/** A clerk as the kiosk keeps them: the county's document plus the optional ID-card binding. */
export interface KnownClerk {
  id: string;
  name: string;
  town: string;
  role: 'villageAssistant' | 'townClerk' | 'itStaff';
  pinHash: string;
  active: boolean;
  /**
   * Lowercase hex SHA-256 of the clerk's ID number, when the county sends it (`idNumberSha256`):
   * lets a clerk sign in with their own ID card without the kiosk storing their number.
   */
  idNumberSha256: string | null;
}

const FILE = 'clerks.sealed';
const AAD = Buffer.from('cunban-clerks-v1');

/**
 * The town's clerks with their PIN hashes, pulled from the county and kept sealed on disk so
 * sign-in works offline for days. Removed or deactivated clerks disappear on the next pull.
 */
export class ClerkDirectory {
  private clerks = new Map<string, KnownClerk>();
  private seq = 0;
  refreshedAt: string | null = null;

  constructor(
    private readonly stateDir: string,
    private readonly sealer: Sealer,
  ) {}

  async load(): Promise<void> {
    try {
      const data = JSON.parse(
        this.sealer.open(await readFile(join(this.stateDir, FILE)), AAD).toString('utf8'),
      ) as {
        seq: number;
        refreshedAt: string | null;
        clerks: KnownClerk[];
      };
      this.seq = data.seq;
      this.refreshedAt = data.refreshedAt;
      this.clerks = new Map(data.clerks.map((c) => [c.id, c]));
    } catch {
      // Missing or unreadable (new data key after re-provisioning): start empty, the next pull fills it.
    }
  }

  get size(): number {
    return this.clerks.size;
  }

  byId(id: string): KnownClerk | undefined {
    const clerk = this.clerks.get(id);
    return clerk?.active ? clerk : undefined;
  }

  byIdNumberSha256(hash: string): KnownClerk | undefined {
    for (const clerk of this.clerks.values()) if (clerk.active && clerk.idNumberSha256 === hash) return clerk;
    return undefined;
  }

  /** Pulls every change since the last checkpoint; returns how many documents arrived. */
  async refresh(client: GatewayClient, now = new Date()): Promise<number> {
    let received = 0;
    for (;;) {
      const page = await client.pull('clerks', { seq: this.seq }, 200);
      for (const raw of page.documents) {
        received++;
        const doc = clerkDocument.safeParse(raw);
        const id = (raw as { id?: unknown }).id;
        if (!doc.success || doc.data._deleted) {
          if (typeof id === 'string') this.clerks.delete(id);
          continue;
        }
        const hash = (raw as { idNumberSha256?: unknown }).idNumberSha256;
        this.clerks.set(doc.data.id, {
          ...doc.data,
          idNumberSha256: typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash) ? hash : null,
        });
      }
      this.seq = page.checkpoint.seq;
      if (page.documents.length < 200) break;
    }
    this.refreshedAt = now.toISOString();
    await this.save();
    return received;
  }

  private async save(): Promise<void> {
    const body = JSON.stringify({
      seq: this.seq,
      refreshedAt: this.refreshedAt,
      clerks: [...this.clerks.values()],
    });
    await writeFileAtomic(join(this.stateDir, FILE), this.sealer.seal(Buffer.from(body), AAD), 0o600);
  }
}
