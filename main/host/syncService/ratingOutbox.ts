import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { GatewayClient } from '../../../sync/client/gatewayClient';
import type { RatingDocument } from '../../../sync/protocol/documents';
import { isAtomicTempName, writeFileAtomic } from '../secure/atomicFile';
import type { Sealer } from '../secure/sealedBox';

/**
 * 好差评 waiting for the county: one sealed file per rating (a comment may name someone), written
 * atomically before `queue.submitRating` answers, pushed by the drain and deleted once the county
 * holds it. The county's push is idempotent by id, so a retry after a lost answer is harmless.
 */
const AAD = Buffer.from('cunban-rating-v1');

export class RatingOutbox {
  constructor(
    private readonly dir: string,
    private readonly sealer: Sealer,
  ) {}

  async put(rating: RatingDocument): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(
      join(this.dir, `${rating.id}.rating`),
      this.sealer.seal(Buffer.from(JSON.stringify(rating)), AAD),
    );
  }

  async list(): Promise<RatingDocument[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const out: RatingDocument[] = [];
    for (const name of names) {
      if (isAtomicTempName(name)) continue;
      if (!name.endsWith('.rating')) continue;
      try {
        out.push(
          JSON.parse(
            this.sealer.open(await readFile(join(this.dir, name)), AAD).toString('utf8'),
          ) as RatingDocument,
        );
      } catch {
        // A damaged file cannot become a valid rating; leave it for IT staff rather than crash.
      }
    }
    return out;
  }

  /** Pushes every waiting rating (batches of 20); returns how many the county now holds. */
  async drain(client: GatewayClient): Promise<number> {
    const waiting = await this.list();
    for (let i = 0; i < waiting.length; i += 20) {
      const batch = waiting.slice(i, i + 20);
      await client.push(
        'ratings',
        batch.map((r) => ({ newDocumentState: r })),
      );
      for (const r of batch) await rm(join(this.dir, `${r.id}.rating`), { force: true });
    }
    return waiting.length;
  }
}
