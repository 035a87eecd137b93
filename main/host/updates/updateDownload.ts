// Background download of an update artifact: resumable (HTTP Range), bandwidth-capped, and only
// ever renamed to its final name after size and sha512 match the metadata. A failure leaves at
// most a `.part` file behind; the running version is never touched here.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { throttled } from './tokenBucket';

export interface ArtifactRef {
  /** Absolute URL of the artifact. */
  url: string;
  /** File name to store it under: a plain name, never a path. */
  fileName: string;
  /** base64 SHA-512 as written in latest*.yml. */
  sha512: string;
  size: number;
  /** Release signature from the metadata, if the release was signed. */
  signature?: string | undefined;
}

export type DownloadFailure = 'http' | 'truncated' | 'too-large' | 'sha512-mismatch' | 'bad-name';

export class UpdateDownloadError extends Error {
  constructor(
    readonly failure: DownloadFailure,
    message: string,
  ) {
    super(message);
    this.name = 'UpdateDownloadError';
  }
}

export interface DownloadOptions {
  dir: string;
  /** Bandwidth cap; undefined or 0 = uncapped. */
  bytesPerSecond?: number | undefined;
  signal?: AbortSignal | undefined;
  /** Bytes on disk so far (including a resumed prefix) and the expected total. */
  onProgress?: ((bytes: number, total: number) => void) | undefined;
}

const safeName = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch {
    return undefined;
  }
}

async function hashFile(path: string, hash: Hash): Promise<void> {
  await pipeline(createReadStream(path), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) hash.update(chunk);
  });
}

async function sha512Of(path: string): Promise<string> {
  const hash = createHash('sha512');
  await hashFile(path, hash);
  return hash.digest('base64');
}

/** Downloads (or resumes) `ref` into `dir` and returns the verified file's path. */
export async function downloadVerified(ref: ArtifactRef, options: DownloadOptions): Promise<string> {
  if (!safeName.test(ref.fileName))
    throw new UpdateDownloadError('bad-name', `refusing file name ${ref.fileName}`);
  await mkdir(options.dir, { recursive: true });
  const finalPath = join(options.dir, ref.fileName);
  const partPath = `${finalPath}.part`;

  // Already downloaded and verified on an earlier run (e.g. waiting for the night).
  if ((await sizeOf(finalPath)) === ref.size && (await sha512Of(finalPath)) === ref.sha512) return finalPath;

  let have = (await sizeOf(partPath)) ?? 0;
  if (have > ref.size) {
    await rm(partPath, { force: true });
    have = 0;
  }
  const headers: Record<string, string> = have > 0 ? { range: `bytes=${have}-` } : {};
  const response = await fetch(ref.url, { headers, signal: options.signal ?? null });
  if (response.status === 416 && have > 0) {
    // Our partial file no longer matches the server's file: start over once.
    await response.body?.cancel();
    await rm(partPath, { force: true });
    return downloadVerified(ref, options);
  }
  const resumed =
    response.status === 206 && response.headers.get('content-range')?.startsWith(`bytes ${have}-`);
  if (!(response.ok && response.body) || (response.status === 206 && !resumed)) {
    await response.body?.cancel();
    throw new UpdateDownloadError('http', `GET ${ref.url} answered ${response.status}`);
  }
  const append = resumed === true;
  const hash = createHash('sha512');
  const counter = { bytes: append ? have : 0 };
  if (append) await hashFile(partPath, hash);

  // Each chunk is written before the next is read, so after a cut the .part file holds exactly
  // the bytes received: a clean prefix for the next attempt's Range request.
  const file = await open(partPath, append ? 'a' : 'w');
  try {
    const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
    const source = options.bytesPerSecond
      ? throttled(body, options.bytesPerSecond, undefined, options.signal)
      : body;
    for await (const chunk of source) {
      counter.bytes += chunk.length;
      if (counter.bytes > ref.size) {
        throw new UpdateDownloadError('too-large', `server sent more than the ${ref.size} bytes announced`);
      }
      hash.update(chunk);
      await file.write(chunk);
      options.onProgress?.(counter.bytes, ref.size);
    }
  } catch (error) {
    await file.close();
    if (error instanceof UpdateDownloadError) {
      await rm(partPath, { force: true });
      throw error;
    }
    throw new UpdateDownloadError(
      'truncated',
      `download interrupted after ${counter.bytes} bytes: ${String(error)}`,
    );
  }
  await file.close();
  if (counter.bytes !== ref.size) {
    throw new UpdateDownloadError('truncated', `got ${counter.bytes} of ${ref.size} bytes`);
  }
  const digest = hash.digest('base64');
  if (digest !== ref.sha512) {
    await rm(partPath, { force: true });
    throw new UpdateDownloadError('sha512-mismatch', `sha512 of ${ref.fileName} does not match the metadata`);
  }
  await rename(partPath, finalPath);
  return finalPath;
}
