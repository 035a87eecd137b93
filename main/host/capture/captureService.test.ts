import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentScanner } from '../../../drivers/scanner/documentScanner';
import { openSaneTestBackend, type SaneTestBackend } from '../../../drivers/scanner/saneTestBackend';
import { keyFileDataKey } from '../secure/dataKey';
import { CapturePolicyError, CaptureService } from './captureService';
import { openOutbox } from './outbox';
import { renderHouseholdPage } from './testing/samplePage';

let sane: SaneTestBackend;
let dir: string;
beforeAll(async () => {
  sane = await openSaneTestBackend(1);
  dir = await mkdtemp(join(tmpdir(), 'cunban-capture-'));
});
afterAll(async () => {
  await sane.close();
  await rm(dir, { recursive: true, force: true });
});

function recordingLogger() {
  const lines: string[] = [];
  const push = (msg: string, fields?: Record<string, unknown>) =>
    lines.push(`${msg} ${JSON.stringify(fields ?? {})}`);
  return { lines, info: push, warn: push, error: push };
}

describe('CaptureService', () => {
  it('turns a real 3-page grey ADF scan at 200 dpi into 3 encrypted JPEGs whose hashes match', async () => {
    const outbox = await openOutbox(join(dir, 'outbox-a'), keyFileDataKey(join(dir, 'a.key')));
    const scanner = new DocumentScanner({
      workDir: join(dir, 'spool'),
      env: sane.env,
      extraScanArgs: ['--test-picture=Color pattern'],
    });
    const logger = recordingLogger();
    const service = new CaptureService({ outbox, scanner, logger });
    const { outcome, pages } = await service.scanPages(
      { material: 'household-register', applicationId: 'app-1' },
      { source: 'adf', maxPages: 3, resolution: 200, mode: 'gray' },
    );
    expect(outcome).toEqual({ status: 'completed', pages: 3 });
    expect(pages.map((p) => p.pageNumber)).toEqual([1, 2, 3]);
    for (const page of pages) {
      expect(page.size).toBeLessThan(250_000);
      const jpeg = await outbox.get(page.sha256);
      expect(createHash('sha256').update(jpeg).digest('hex')).toBe(page.sha256);
      expect((await sharp(jpeg).metadata()).format).toBe('jpeg');
      // The file on disk is ciphertext: no JPEG marker.
      const onDisk = await readFile(join(dir, 'outbox-a', `${page.sha256}.blob`));
      expect(onDisk.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(false);
      expect(page.thumbSha).toBeDefined();
    }
    // The test backend feeds byte-identical pages, and the outbox is content-addressed: the three
    // descriptors name one stored JPEG. (Distinct pages get distinct entries: outbox.test.ts.)
    expect(new Set(pages.map((p) => p.sha256)).size).toBe(1);
    const listed = (await outbox.list()).filter((e) => e.meta.kind === 'page');
    expect(listed.map((e) => e.sha256)).toEqual([pages[0]!.sha256]);
    expect(listed[0]!.meta.applicationId).toBe('app-1');
    expect(logger.lines.filter((l) => l.startsWith('page stored'))).toHaveLength(3);
  });

  it('stores a camera photo and never logs image bytes', async () => {
    const outbox = await openOutbox(join(dir, 'outbox-b'), keyFileDataKey(join(dir, 'b.key')));
    const logger = recordingLogger();
    const service = new CaptureService({ outbox, logger });
    const photo = await sharp(await renderHouseholdPage(150))
      .jpeg({ quality: 92 })
      .toBuffer();
    const page = await service.storePhoto({ material: 'household-register' }, photo);
    expect(page.size).toBeLessThan(250_000);
    const all = logger.lines.join('\n');
    expect(all).not.toContain(photo.subarray(100, 130).toString('base64'));
    expect(all.length).toBeLessThan(2000);
  });

  it('refuses an ID card without a service requirement and consent, and stores nothing', async () => {
    const outboxDir = join(dir, 'outbox-c');
    const outbox = await openOutbox(outboxDir, keyFileDataKey(join(dir, 'c.key')));
    const service = new CaptureService({ outbox, logger: recordingLogger() });
    const photo = await sharp({ create: { width: 100, height: 60, channels: 3, background: '#abc' } })
      .jpeg()
      .toBuffer();
    await expect(service.storePhoto({ material: 'id-card' }, photo)).rejects.toBeInstanceOf(
      CapturePolicyError,
    );
    await expect(
      service.storePhoto(
        { material: 'id-card', serviceRequiresIdCopy: true, villagerConsented: false },
        photo,
      ),
    ).rejects.toBeInstanceOf(CapturePolicyError);
    await expect(
      service.storePhoto(
        { material: 'id-card', serviceRequiresIdCopy: false, villagerConsented: true },
        photo,
      ),
    ).rejects.toBeInstanceOf(CapturePolicyError);
    expect(await readdir(outboxDir)).toEqual([]);
    const ok = await service.storePhoto(
      { material: 'id-card', serviceRequiresIdCopy: true, villagerConsented: true },
      photo,
    );
    expect(ok.size).toBeGreaterThan(0);
  });
});
