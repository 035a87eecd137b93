import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LinkSimulator, startLinkSimulator } from '../../../sync/linkSimulator/linkSimulator';
import { newUuidV7 } from '../../../sync/protocol/ids';
import { type Harness, type Kiosk, startHarness } from '../../../sync/server/testing/gatewayHarness';
import { TusUploader, UploadError, type UploadJob } from './tusUploader';
import { UploadState } from './uploadState';

let harness: Harness;
let kiosk: Kiosk;
let link: LinkSimulator;
let dir: string;

beforeAll(async () => {
  harness = await startHarness('pglite');
  kiosk = await harness.enroll();
  const port = Number(new URL(harness.url).port);
  link = await startLinkSimulator({
    target: { host: '127.0.0.1', port },
    bytesPerSecond: 400_000,
    latencyMs: 20,
  });
  dir = await mkdtemp(join(tmpdir(), 'cunban-upload-'));
}, 60_000);
afterAll(async () => {
  await link?.stop();
  await harness?.close();
  await rm(dir, { recursive: true, force: true });
});

function page(size: number): { job: UploadJob; bytes: Buffer } {
  const bytes = randomBytes(size);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return {
    bytes,
    job: { applicationId: newUuidV7(), sha256, contentType: 'image/jpeg', size, read: async () => bytes },
  };
}

const uploader = (state: UploadState) =>
  new TusUploader({ baseUrl: link.url, token: () => kiosk.signer.token(), state });

describe('tus uploader', () => {
  it('uploads a page the county verifies by its SHA-256', async () => {
    const state = await UploadState.load(join(dir, 'a.json'));
    const { job } = page(120_000);
    await uploader(state).upload(job);
    const status = await kiosk.client.fileStatus(job.sha256, job.applicationId);
    expect(status.state).toBe('verified');
    expect(state.pathFor(UploadState.key(job.applicationId, job.sha256))).toBeUndefined();
  });

  it('resumes after the link drops mid-upload, from the county offset, even in a new process', async () => {
    const file = join(dir, 'b.json');
    const { job } = page(600_000);
    const before = link.stats.bytesUp;
    const first = uploader(await UploadState.load(file)).upload(job);
    // 600 KB at 400 KB/s: drop the link about halfway through the PATCH.
    setTimeout(() => link.drop(), 800);
    const error = await first.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadError);
    expect((error as UploadError).code).toBe('transient');
    // A "restarted host": the state is read back from disk.
    const reloaded = await UploadState.load(file);
    expect(reloaded.pathFor(UploadState.key(job.applicationId, job.sha256))).toMatch(
      /^\/v1\/files\/[0-9a-f]{32}$/,
    );
    await uploader(reloaded).upload(job);
    expect((await kiosk.client.fileStatus(job.sha256, job.applicationId)).state).toBe('verified');
    const sent = link.stats.bytesUp - before;
    // Resuming sends at most one TCP window again, far from the whole page twice.
    expect(sent).toBeLessThan(job.size * 1.25);
  }, 30_000);

  it('never reports success for bytes that do not match the declared SHA-256', async () => {
    const state = await UploadState.load(join(dir, 'c.json'));
    const { job } = page(20_000);
    const wrong = { ...job, read: async () => randomBytes(20_000) };
    const error = await uploader(state)
      .upload(wrong)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadError);
    // The county kept the evidence; the drain sees it and starts the page over.
    expect((await kiosk.client.fileStatus(job.sha256, job.applicationId)).state).toBe('mismatch');
    // A resume of that upload finds every byte there but is not "confirmed".
    const again = await uploader(state)
      .upload(wrong)
      .catch((e: unknown) => e);
    if (!(again instanceof UploadError)) expect(again).toEqual({ confirmed: false });
    await state.forget(UploadState.key(job.applicationId, job.sha256));
    expect(await uploader(state).upload(job)).toEqual({ confirmed: true });
    expect((await kiosk.client.fileStatus(job.sha256, job.applicationId)).state).toBe('verified');
  });

  it('keeps to the bandwidth cap when one is set', async () => {
    const state = await UploadState.load(join(dir, 'd.json'));
    const capped = new TusUploader({
      baseUrl: link.url,
      token: () => kiosk.signer.token(),
      state,
      bytesPerSecond: 100_000,
      chunkBytes: 25_000,
    });
    const { job } = page(150_000);
    const started = performance.now();
    await capped.upload(job);
    // 150 KB at 100 KB/s is 1.5 s; the bucket starts empty so the cap holds from the first byte.
    expect(performance.now() - started).toBeGreaterThan(1300);
    expect((await kiosk.client.fileStatus(job.sha256, job.applicationId)).state).toBe('verified');
  }, 20_000);
});
