import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORED_IMAGE_MAX_BYTES } from '../../../contract/capture';
import { type Harness, startHarness } from '../../../sync/server/testing/gatewayHarness';
import { demoConfig } from '../config/loadConfig';
import { hostResources } from '../hostResources';
import { sampleDraft } from '../journal/testing/sampleDraft';
import { type KioskHost, startKioskHost } from '../kioskHost';
import { FileLog } from '../logging/logger';
import { hostPaths } from '../paths';
import type { QueueService } from '../syncService/queueService';
import { enrollForTest } from '../syncService/testing/enrolledCredentials';
import { testQueueService } from '../syncService/testing/testQueueService';
import { captureHostService } from './captureHostService';

/**
 * A renderer-made image (the signature) goes through the contract into the encrypted outbox,
 * and the host's drain delivers it with its application until the county holds every file.
 */
let harness: Harness;
let host: KioskHost;
let root: string;
let queue: QueueService;

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const call = async (name: string, input: unknown = {}) => {
  const answer = await host.contract.dispatch({ kind: 'request', id: 1, name, input });
  if (!answer.ok)
    throw Object.assign(new Error(`${name}: ${answer.error.code} ${answer.error.message}`), answer.error);
  return answer.output as Record<string, unknown>;
};
const refusal = (input: unknown) =>
  call('capture.storeImage', input).then(
    () => null,
    (error: { code: string; message: string }) => error,
  );

/** A signature-like PNG: black strokes on transparent, the pad's size. */
async function signaturePng(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="300"><path d="M40 200 C 200 40, 300 260, 460 120 S 700 60, 860 220" stroke="#111" stroke-width="6" fill="none"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

beforeAll(async () => {
  harness = await startHarness('pglite');
  const credentials = await enrollForTest(harness.db, harness.url);
  root = await mkdtemp(join(tmpdir(), 'cunban-store-image-'));
  const paths = hostPaths(root);
  await mkdir(paths.keys, { recursive: true, mode: 0o700 });
  const log = new FileLog({ dir: paths.logs });
  const resources = hostResources(paths);
  const demo = demoConfig();
  host = await startKioskHost({
    config: {
      ...demo,
      devices: {
        ...demo.devices,
        documentScanner: { transport: 'none' },
        barcodeScanner: { transport: 'none' },
      },
    },
    paths,
    log,
    hostKind: 'browser',
    version: 't',
    services: (h) => {
      queue = testQueueService(h, resources, log, credentials, { countyUrl: harness.url });
      return [captureHostService(h, log.logger('capture'), resources), queue];
    },
  });
}, 60_000);
afterAll(async () => {
  await host?.stop();
  await harness?.close();
  await rm(root, { recursive: true, force: true });
});

describe('capture.devices', () => {
  it('says which capture devices are configured', async () => {
    expect(await call('capture.devices')).toEqual({ documentScanner: false, documentCamera: true });
  });
});

describe('capture.storeImage', () => {
  it('stores the signature; the application reaches the county with every file (filesComplete)', async () => {
    const png = await signaturePng();
    const stored = await call('capture.storeImage', {
      purpose: 'signature',
      contentType: 'image/png',
      sha256: sha(png),
      bytesBase64: png.toString('base64'),
    });
    expect(stored).toEqual({ sha256: sha(png), size: png.length });
    expect((await queue.outbox!.get(sha(png))).equals(png)).toBe(true);
    expect(await call('capture.thumbnail', { sha256: sha(png) })).toEqual({
      dataUrl: `data:image/png;base64,${png.toString('base64')}`,
    });
    // Sealed at rest: the file on disk is not the PNG.
    const onDisk = await readFile(join(hostPaths(root).outbox, `${sha(png)}.blob`));
    expect(onDisk.includes(png.subarray(0, 64))).toBe(false);

    const draft = sampleDraft([
      {
        materialId: 'signature',
        sha256: sha(png),
        size: png.length,
        contentType: 'image/png',
        credibility: 'declared',
      },
    ]);
    draft.formValues.signature = sha(png);
    const result = (await call('queue.submit', draft)) as { ok: boolean; document: { id: string } };
    expect(result.ok).toBe(true);

    const countyBody = async () => {
      const r = await harness.db.query<{ body: { filesComplete?: boolean } }>(
        "SELECT body FROM documents WHERE collection = 'applications' AND id = $1",
        [result.document.id],
      );
      return r.rows[0]?.body;
    };
    await expect
      .poll(async () => (await countyBody())?.filesComplete, { timeout: 30_000, interval: 200 })
      .toBe(true);
    const file = await harness.db.query<{ sha256: string; content_type: string; state: string }>(
      'SELECT sha256, content_type, state FROM files WHERE application_id = $1',
      [result.document.id],
    );
    expect(file.rows).toEqual([{ sha256: sha(png), content_type: 'image/png', state: 'verified' }]);
    // Acknowledged: the journal is compacted and the local copy goes.
    await expect.poll(() => queue.journal!.pending().length, { timeout: 20_000 }).toBe(0);
    await expect
      .poll(
        () =>
          queue.outbox!.get(sha(png)).then(
            () => 'there',
            (e: { code: string }) => e.code,
          ),
        { timeout: 20_000 },
      )
      .toBe('not-found');
  }, 60_000);

  it('refuses a SHA-256 that is not the bytes’ own, and stores nothing', async () => {
    const png = await signaturePng();
    const other = 'f'.repeat(64);
    const error = await refusal({
      purpose: 'signature',
      contentType: 'image/png',
      sha256: other,
      bytesBase64: png.toString('base64'),
    });
    expect(error).toMatchObject({ code: 'invalid-input' });
    expect(error?.message).toMatch(/hash-mismatch/);
    expect((await queue.outbox!.list()).some((e) => e.sha256 === sha(png) || e.sha256 === other)).toBe(false);
  });

  it('refuses an image over the cap, in the contract and in the host', async () => {
    // Over the contract's base64 limit: rejected before the handler.
    const huge = Buffer.alloc(STORED_IMAGE_MAX_BYTES + 3, 0);
    expect(
      await refusal({
        purpose: 'signature',
        contentType: 'image/png',
        sha256: sha(huge),
        bytesBase64: huge.toString('base64'),
      }),
    ).toMatchObject({ code: 'invalid-input' });
    // Just over the decoded cap but inside the base64 length (padding slack): the host measures.
    const big = Buffer.concat([
      (await signaturePng()).subarray(0, 8),
      Buffer.alloc(STORED_IMAGE_MAX_BYTES - 7),
    ]);
    const error = await refusal({
      purpose: 'signature',
      contentType: 'image/png',
      sha256: sha(big),
      bytesBase64: big.toString('base64'),
    });
    expect(error?.message).toMatch(/too-large/);
  });

  it('refuses a wrong or undeclared type, garbage and a truncated PNG', async () => {
    const png = await signaturePng();
    const asJpeg = await refusal({
      purpose: 'signature',
      contentType: 'image/jpeg',
      sha256: sha(png),
      bytesBase64: png.toString('base64'),
    });
    expect(asJpeg?.message).toMatch(/wrong-type/);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>');
    const svgAnswer = await refusal({
      purpose: 'signature',
      contentType: 'image/svg+xml',
      sha256: sha(svg),
      bytesBase64: svg.toString('base64'),
    });
    expect(svgAnswer).toMatchObject({ code: 'invalid-input' });
    const garbage = Buffer.from('not an image at all, just text');
    expect(
      (
        await refusal({
          purpose: 'material',
          contentType: 'image/png',
          sha256: sha(garbage),
          bytesBase64: garbage.toString('base64'),
        })
      )?.message,
    ).toMatch(/wrong-type/);
    const truncated = png.subarray(0, 60);
    expect(
      (
        await refusal({
          purpose: 'signature',
          contentType: 'image/png',
          sha256: sha(truncated),
          bytesBase64: truncated.toString('base64'),
        })
      )?.message,
    ).toMatch(/unreadable/);
    expect(
      await refusal({
        purpose: 'signature',
        contentType: 'image/png',
        sha256: sha(png),
        bytesBase64: '!!notbase64',
      }),
    ).toMatchObject({
      code: 'invalid-input',
    });
  });

  it('stores a JPEG material made in the renderer', async () => {
    const jpeg = await sharp({ create: { width: 240, height: 160, channels: 3, background: '#f4f1ea' } })
      .jpeg()
      .toBuffer();
    expect(
      await call('capture.storeImage', {
        purpose: 'material',
        contentType: 'image/jpeg',
        sha256: sha(jpeg),
        bytesBase64: jpeg.toString('base64'),
      }),
    ).toEqual({ sha256: sha(jpeg), size: jpeg.length });
    expect((await queue.outbox!.entry(sha(jpeg))).meta).toMatchObject({
      kind: 'page',
      mime: 'image/jpeg',
      width: 240,
    });
  });
});
