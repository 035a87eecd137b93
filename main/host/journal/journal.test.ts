import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sealerFor } from '../secure/sealedBox';
import { buildApplication, type SiteIdentity } from './applicationFactory';
import { assertFreeSpace, DiskSpaceError } from './diskSpaceGuard';
import { JOURNAL_FILE, Journal, JournalError } from './journal';
import { decodeFrames, encodeFrame } from './recordFraming';
import { sampleDraft } from './testing/sampleDraft';

const site: SiteIdentity = { deviceId: 'dev-1', siteCode: '44162520000101', division: '441625200001' };
const key = randomBytes(32);
const sealer = sealerFor(key);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cunban-journal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const submit = (journal: Journal) =>
  journal.appendApplication((day, seq) => buildApplication(sampleDraft(), site, day, seq));

describe('journal', () => {
  it('keeps appended applications across a reopen, encrypted on disk', async () => {
    const journal = await Journal.open(dir, sealer);
    const a = await submit(journal);
    const b = await submit(journal);
    await journal.close();
    expect(a.trackingNumber).toMatch(/^44162520000101-\d{8}-0001$/);
    expect(b.trackingNumber.endsWith('-0002')).toBe(true);
    const raw = await readFile(join(dir, JOURNAL_FILE));
    expect(raw.includes(Buffer.from('11010519491231002X'))).toBe(false);
    expect(raw.includes(Buffer.from('蓝阿婆'))).toBe(false);
    const reopened = await Journal.open(dir, sealer);
    expect(reopened.pending().map((d) => d.id)).toEqual([a.id, b.id]);
    const c = await submit(reopened);
    expect(c.trackingNumber.endsWith('-0003')).toBe(true);
    await reopened.close();
  });

  it('ignores a torn last record cut at every byte offset and keeps all earlier ones', async () => {
    const journal = await Journal.open(dir, sealer);
    const first = await submit(journal);
    const second = await submit(journal);
    await journal.close();
    const file = join(dir, JOURNAL_FILE);
    const full = await readFile(file);
    const frames = decodeFrames(full);
    expect(frames.payloads).toHaveLength(2);
    const lastStart = full.length - (frames.payloads[1]!.length + 8);
    // Every cut through the last record: the reader keeps exactly the first one.
    for (let cut = lastStart; cut < full.length; cut++) {
      await writeFile(file, full.subarray(0, cut));
      const { records, tornTail } = await Journal.readRecords(file, sealer);
      expect(records.map((r) => (r.t === 'app' ? r.doc.id : r.t))).toEqual([first.id]);
      expect(tornTail).toBe(cut > lastStart);
    }
    // Opening for writing cuts the torn bytes away (fsync'd, so sampled offsets only), and the
    // next append is readable right after the first record.
    for (const cut of [lastStart + 1, lastStart + 7, lastStart + 9, full.length - 1]) {
      await writeFile(file, full.subarray(0, cut));
      const reopened = await Journal.open(dir, sealer);
      expect(reopened.pending().map((d) => d.id)).toEqual([first.id]);
      expect(reopened.openReport.tornTailBytes).toBe(cut - lastStart);
      const next = await submit(reopened);
      await reopened.close();
      const { records, tornTail } = await Journal.readRecords(file, sealer);
      expect(tornTail).toBe(false);
      expect(records.map((r) => (r.t === 'app' ? r.doc.id : r.t))).toEqual([first.id, next.id]);
    }
    expect(second.id).not.toBe(first.id);
  });

  it('detects a flipped byte in the last record by its checksum', async () => {
    const journal = await Journal.open(dir, sealer);
    const first = await submit(journal);
    await submit(journal);
    await journal.close();
    const file = join(dir, JOURNAL_FILE);
    const bytes = await readFile(file);
    bytes[bytes.length - 3]! ^= 0xff;
    await writeFile(file, bytes);
    const reopened = await Journal.open(dir, sealer);
    expect(reopened.pending().map((d) => d.id)).toEqual([first.id]);
    await reopened.close();
  });

  it('refuses to open with the wrong key instead of silently dropping records', async () => {
    const journal = await Journal.open(dir, sealer);
    await submit(journal);
    await journal.close();
    await expect(Journal.open(dir, sealerFor(randomBytes(32)))).rejects.toMatchObject({
      code: 'corrupt-record',
    });
  });

  it('compacts acknowledged entries away but never reuses a tracking sequence', async () => {
    const journal = await Journal.open(dir, sealer, { compactAfterAcks: 2 });
    const docs = [await submit(journal), await submit(journal), await submit(journal)];
    await journal.acknowledge([docs[0]!.id, docs[1]!.id]);
    const { records } = await Journal.readRecords(join(dir, JOURNAL_FILE), sealer);
    expect(records.map((r) => r.t)).toEqual(['counters', 'app']);
    await journal.close();
    const reopened = await Journal.open(dir, sealer);
    expect(reopened.pending().map((d) => d.id)).toEqual([docs[2]!.id]);
    const next = await submit(reopened);
    expect(next.trackingNumber.endsWith('-0004')).toBe(true);
    await reopened.close();
  });

  it('continues an earlier day when the clock jumps back, and starts a new day at 1', async () => {
    let now = new Date('2026-11-29T02:00:00Z');
    const journal = await Journal.open(dir, sealer, { now: () => now });
    await submit(journal);
    now = new Date('2026-11-30T02:00:00Z');
    expect((await submit(journal)).trackingNumber).toBe('44162520000101-20261130-0001');
    now = new Date('2026-11-29T05:00:00Z');
    expect((await submit(journal)).trackingNumber).toBe('44162520000101-20261129-0002');
    await journal.close();
  });

  it('refuses the 10000th application of a day with words for the villager', async () => {
    const now = new Date('2026-11-29T02:00:00Z');
    const file = join(dir, JOURNAL_FILE);
    const counters = { t: 'counters', counters: { '20261129': 9999 } };
    await writeFile(
      file,
      encodeFrame(sealer.seal(Buffer.from(JSON.stringify(counters)), Buffer.from('cunban-journal-v1'))),
    );
    const journal = await Journal.open(dir, sealer, { now: () => now });
    const error = await submit(journal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JournalError);
    expect((error as JournalError).code).toBe('sequence-exhausted');
    expect((error as JournalError).messageZh).toContain('编号已用完');
    await journal.close();
  });

  it('appends concurrent submissions one at a time with distinct numbers', async () => {
    const journal = await Journal.open(dir, sealer);
    const docs = await Promise.all(Array.from({ length: 20 }, () => submit(journal)));
    expect(new Set(docs.map((d) => d.trackingNumber)).size).toBe(20);
    await journal.close();
  });
});

describe('disk space guard', () => {
  it('refuses below the threshold with a Chinese message and passes above it', async () => {
    const low = async () => ({ bavail: 100, bsize: 1024 * 1024 });
    const error = await assertFreeSpace(dir, 500, low).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiskSpaceError);
    expect((error as DiskSpaceError).messageZh).toContain('存储空间不足');
    await expect(assertFreeSpace(dir, 50, low)).resolves.toBeUndefined();
    await expect(assertFreeSpace(dir, 1)).resolves.toBeUndefined();
  });
});
