import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LoopbackFileServer, startLoopbackFileServer } from './loopbackFileServer';
import { type ArtifactRef, downloadVerified, UpdateDownloadError } from './updateDownload';

let server: LoopbackFileServer;
let dir: string;
const artifact = randomBytes(200 * 1024);
const sha512 = createHash('sha512').update(artifact).digest('base64');

const ref = (fields: Partial<ArtifactRef> = {}): ArtifactRef => ({
  url: `${server.url}/cunban-1.2.0-linux-x86_64.AppImage`,
  fileName: 'cunban-1.2.0-linux-x86_64.AppImage',
  sha512,
  size: artifact.length,
  ...fields,
});

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UpdateDownloadError);
  return (error as UpdateDownloadError).failure;
}

beforeAll(async () => {
  server = await startLoopbackFileServer();
});
afterAll(() => server.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cunban-dl-'));
  server.files.clear();
  server.cutAfter.clear();
  server.requests.length = 0;
  server.files.set('/cunban-1.2.0-linux-x86_64.AppImage', artifact);
});

describe('downloadVerified', () => {
  it('downloads, verifies and names the file only when complete', async () => {
    const path = await downloadVerified(ref(), { dir });
    expect(readFileSync(path).equals(artifact)).toBe(true);
    expect(existsSync(`${path}.part`)).toBe(false);
  });

  it('does not download again what is already there and verified', async () => {
    await downloadVerified(ref(), { dir });
    await downloadVerified(ref(), { dir });
    expect(server.requests).toHaveLength(1);
  });

  it('resumes a truncated download with a Range request', async () => {
    server.cutAfter.set('/cunban-1.2.0-linux-x86_64.AppImage', 70_000);
    expect(await failure(downloadVerified(ref(), { dir }))).toBe('truncated');
    const part = join(dir, `${ref().fileName}.part`);
    // Whatever reached the disk before the cut is a clean prefix of the artifact.
    const kept = readFileSync(part);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThanOrEqual(70_000);
    expect(kept.equals(artifact.subarray(0, kept.length))).toBe(true);
    const path = await downloadVerified(ref(), { dir });
    expect(server.requests[1]?.range).toBe(`bytes=${kept.length}-`);
    expect(readFileSync(path).equals(artifact)).toBe(true);
  });

  it('rejects a corrupted artifact (wrong sha512) and keeps nothing of it', async () => {
    const corrupted = Buffer.from(artifact);
    corrupted[1234] = (corrupted[1234] ?? 0) ^ 0xff;
    server.files.set('/cunban-1.2.0-linux-x86_64.AppImage', corrupted);
    expect(await failure(downloadVerified(ref(), { dir }))).toBe('sha512-mismatch');
    expect(existsSync(join(dir, ref().fileName))).toBe(false);
    expect(existsSync(join(dir, `${ref().fileName}.part`))).toBe(false);
  });

  it('stops a server that sends more than announced', async () => {
    server.files.set('/cunban-1.2.0-linux-x86_64.AppImage', Buffer.concat([artifact, Buffer.alloc(10)]));
    expect(await failure(downloadVerified(ref(), { dir }))).toBe('too-large');
  });

  it('starts over when the server no longer has the bytes a stale partial file claims', async () => {
    writeFileSync(join(dir, `${ref().fileName}.part`), Buffer.alloc(10));
    server.files.set('/small', Buffer.from('tiny'));
    const small = Buffer.from('tiny');
    const path = await downloadVerified(
      ref({
        url: `${server.url}/small`,
        size: 4,
        sha512: createHash('sha512').update(small).digest('base64'),
      }),
      { dir },
    );
    expect(readFileSync(path, 'utf8')).toBe('tiny');
  });

  it('refuses a file name that is a path', async () => {
    for (const fileName of ['../../etc/cron.d/x', '/etc/passwd', '.hidden', 'a/b.deb', '']) {
      expect(await failure(downloadVerified(ref({ fileName }), { dir }))).toBe('bad-name');
    }
    expect(server.requests).toHaveLength(0);
  });

  it('reports an HTTP error', async () => {
    expect(await failure(downloadVerified(ref({ url: `${server.url}/missing` }), { dir }))).toBe('http');
  });

  it('holds the bandwidth cap: measured rate within 10 % of the cap', async () => {
    // 256 KiB at 128 KiB/s ≈ 2 s: long enough that timer granularity is far below 10 %.
    const cap = 128 * 1024;
    const data = randomBytes(256 * 1024);
    server.files.set('/capped', data);
    const samples: { t: number; bytes: number }[] = [];
    const started = performance.now();
    await downloadVerified(
      ref({
        url: `${server.url}/capped`,
        fileName: 'capped',
        size: data.length,
        sha512: createHash('sha512').update(data).digest('base64'),
      }),
      { dir, bytesPerSecond: cap, onProgress: (bytes) => samples.push({ t: performance.now(), bytes }) },
    );
    const whole = data.length / ((performance.now() - started) / 1000);
    // The transfer rate, first byte to last, leaves out connection set-up on a busy machine.
    const first = samples[0] as { t: number; bytes: number };
    const last = samples.at(-1) as { t: number; bytes: number };
    const rate = (last.bytes - first.bytes) / ((last.t - first.t) / 1000);
    console.info(
      `bandwidth cap ${cap} B/s: transfer ${Math.round(rate)} B/s (${((rate / cap) * 100).toFixed(1)} %), ` +
        `whole download incl. set-up ${Math.round(whole)} B/s (${((whole / cap) * 100).toFixed(1)} %)`,
    );
    expect(rate).toBeLessThanOrEqual(cap * 1.1);
    expect(rate).toBeGreaterThanOrEqual(cap * 0.9);
    expect(whole).toBeLessThanOrEqual(cap * 1.1);
  });
});
