import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_MODES, type Harness, type Kiosk, makeApplication, startHarness } from './testing/gatewayHarness';

/**
 * Two kiosks push concurrently while a third pulls by checkpoint the whole time. Because seq is
 * assigned under a per-collection advisory lock inside each push transaction, seq order is commit
 * order: the puller must see every committed document exactly once, with no gaps.
 */
describe.each(DB_MODES)('concurrent pushes and pulls on %s', (mode) => {
  let h: Harness;
  let writers: Kiosk[];
  let reader: Kiosk;
  beforeAll(async () => {
    h = await startHarness(mode, { rateLimitPerMinute: 100_000 });
    writers = [await h.enroll('441625200001'), await h.enroll('441625200001')];
    reader = await h.enroll('441625200001');
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('the pull sees every committed row exactly once', async () => {
    const BATCHES = 12;
    const SIZE = 5;
    const pushed = new Set<string>();
    let writing = true;
    const writeAll = async (k: Kiosk) => {
      for (let i = 0; i < BATCHES; i++) {
        const docs = Array.from({ length: SIZE }, () => makeApplication(k));
        const conflicts = await k.client.push(
          'applications',
          docs.map((d) => ({ newDocumentState: d })),
        );
        expect(conflicts).toEqual([]);
        for (const d of docs) pushed.add(d.id as string);
      }
    };
    const seen: string[] = [];
    let checkpoint = { seq: 0 };
    const pullOnce = async () => {
      for (;;) {
        const page = await reader.client.pull<{ id: string }>('applications', checkpoint, 7);
        expect(page.checkpoint.seq).toBeGreaterThanOrEqual(checkpoint.seq);
        seen.push(...page.documents.map((d) => d.id));
        checkpoint = page.checkpoint;
        if (page.documents.length < 7) return;
      }
    };
    const pulling = (async () => {
      while (writing) {
        await pullOnce();
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    // Writer 0 runs two loops at once, so even one kiosk has two batches in flight.
    await Promise.all([writeAll(writers[0]!), writeAll(writers[0]!), writeAll(writers[1]!)]);
    writing = false;
    await pulling;
    await pullOnce();
    expect(pushed.size).toBe(3 * BATCHES * SIZE);
    expect(seen.length).toBe(pushed.size);
    expect(new Set(seen)).toEqual(pushed);
  });

  it('concurrent retries of the same batch store each document once', async () => {
    const k = writers[1]!;
    const docs = Array.from({ length: 10 }, () => makeApplication(k));
    const rows = docs.map((d) => ({ assumedMasterState: null, newDocumentState: d }));
    const results = await Promise.all([
      k.client.push('applications', rows),
      k.client.push('applications', rows),
      k.client.push('applications', rows),
    ]);
    // Exactly one of the three wrote each document; the others got the master back.
    const conflictCounts = results.map((r) => r.length).sort();
    expect(conflictCounts.reduce((a, b) => a + b, 0)).toBe(20);
    const n = await h.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM documents WHERE collection = 'applications' AND id = ANY($1::text[])",
      [docs.map((d) => d.id)],
    );
    expect(n.rows[0]!.n).toBe(10);
  });
});
