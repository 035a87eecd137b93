import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isAtomicTempName, writeFileAtomic } from '../secure/atomicFile';
import type { DataKeyProvider } from '../secure/dataKey';
import { SealError, type Sealer, sealerFor } from '../secure/sealedBox';

/**
 * The host's outbox of captured files waiting for upload (tus, in the sync issue).
 *
 * Each file is stored as two sealed files named by the SHA-256 of its plaintext:
 * `<sha>.blob` (the JPEG) and `<sha>.meta` (JSON). The blob is written first and the meta last,
 * so an entry exists (is listed) only when both are complete; a crash in between leaves an
 * orphan blob that `sweep()` deletes. The hash is bound into each seal as additional data, so a
 * blob renamed to another entry's name fails to open instead of returning the wrong page.
 */
export interface OutboxMeta {
  /** What the file is; the uploader sends pages and lets thumbnails stay local if bandwidth is short. */
  kind: 'page' | 'thumbnail' | 'signature';
  /** Scanned pages are re-encoded to JPEG; a signature stays the PNG the villager drew. */
  mime: 'image/jpeg' | 'image/png';
  width?: number;
  height?: number;
  /** Application this page belongs to, once known. */
  applicationId?: string;
  /** Material label, e.g. 'household-register'. */
  material?: string;
  pageNumber?: number;
  capturedAt?: string;
}

export interface PutInput extends OutboxMeta {
  /** Preview stored as its own entry; its hash is returned as `thumbSha`. */
  thumbnail?: Uint8Array;
}

export interface OutboxEntry {
  sha256: string;
  size: number;
  thumbSha?: string;
  meta: OutboxMeta;
  storedAt: string;
}

export class OutboxError extends Error {
  constructor(
    readonly code: 'not-found' | 'corrupt' | 'bad-name',
    message: string,
  ) {
    super(message);
    this.name = 'OutboxError';
  }
}

export interface Outbox {
  put(bytes: Uint8Array, meta: PutInput): Promise<{ sha256: string; size: number; thumbSha?: string }>;
  get(sha256: string): Promise<Buffer>;
  entry(sha256: string): Promise<OutboxEntry>;
  list(): Promise<OutboxEntry[]>;
  remove(sha256: string): Promise<void>;
  /** Delete leftovers of interrupted writes; call once at start. Returns how many were removed. */
  sweep(): Promise<number>;
}

const SHA_RE = /^[0-9a-f]{64}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function checkName(sha256: string): void {
  if (!SHA_RE.test(sha256)) throw new OutboxError('bad-name', 'outbox names are 64 lowercase hex digits');
}

const blobAad = (sha: string) => Buffer.from(`cunban-outbox-blob:${sha}`);
const metaAad = (sha: string) => Buffer.from(`cunban-outbox-meta:${sha}`);

export async function openOutbox(dir: string, keys: DataKeyProvider): Promise<Outbox> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const sealer: Sealer = sealerFor(await keys.getKey());
  const blobPath = (sha: string) => join(dir, `${sha}.blob`);
  const metaPath = (sha: string) => join(dir, `${sha}.meta`);

  const readSealed = async (path: string, aad: Buffer, sha: string): Promise<Buffer> => {
    let sealed: Buffer;
    try {
      sealed = await readFile(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT')
        throw new OutboxError('not-found', `no outbox entry ${sha}`);
      throw err;
    }
    try {
      return sealer.open(sealed, aad);
    } catch (err) {
      if (err instanceof SealError)
        throw new OutboxError('corrupt', `outbox entry ${sha} failed to decrypt (${err.code})`);
      throw err;
    }
  };

  const entry = async (sha256: string): Promise<OutboxEntry> => {
    checkName(sha256);
    const json = await readSealed(metaPath(sha256), metaAad(sha256), sha256);
    return JSON.parse(json.toString('utf8')) as OutboxEntry;
  };

  const exists = async (sha256: string) => {
    try {
      await entry(sha256);
      return true;
    } catch (err) {
      if (err instanceof OutboxError && err.code !== 'bad-name') return false;
      throw err;
    }
  };

  const store = async (bytes: Uint8Array, meta: OutboxMeta, thumbSha?: string) => {
    const sha256 = sha256Hex(bytes);
    if (!(await exists(sha256))) {
      const record: OutboxEntry = { sha256, size: bytes.length, meta, storedAt: new Date().toISOString() };
      if (thumbSha) record.thumbSha = thumbSha;
      await writeFileAtomic(blobPath(sha256), sealer.seal(bytes, blobAad(sha256)));
      await writeFileAtomic(
        metaPath(sha256),
        sealer.seal(Buffer.from(JSON.stringify(record)), metaAad(sha256)),
      );
    }
    return sha256;
  };

  return {
    async put(bytes, input) {
      const { thumbnail, ...meta } = input;
      let thumbSha: string | undefined;
      if (thumbnail) {
        thumbSha = await store(thumbnail, {
          ...meta,
          kind: 'thumbnail',
          width: undefined,
          height: undefined,
        });
      }
      const sha256 = await store(bytes, meta, thumbSha);
      return thumbSha ? { sha256, size: bytes.length, thumbSha } : { sha256, size: bytes.length };
    },

    async get(sha256) {
      checkName(sha256);
      const bytes = await readSealed(blobPath(sha256), blobAad(sha256), sha256);
      if (sha256Hex(bytes) !== sha256)
        throw new OutboxError('corrupt', `outbox entry ${sha256} does not match its hash`);
      return bytes;
    },

    entry,

    async list() {
      const names = await readdir(dir);
      const entries: OutboxEntry[] = [];
      for (const name of names) {
        const sha = name.endsWith('.meta') ? name.slice(0, -5) : '';
        if (!SHA_RE.test(sha)) continue;
        try {
          entries.push(await entry(sha));
        } catch (err) {
          // One damaged entry must not hide the others from the uploader.
          if (!(err instanceof OutboxError)) throw err;
        }
      }
      return entries.sort((a, b) => a.storedAt.localeCompare(b.storedAt) || a.sha256.localeCompare(b.sha256));
    },

    async remove(sha256) {
      checkName(sha256);
      let thumbSha: string | undefined;
      try {
        thumbSha = (await entry(sha256)).thumbSha;
      } catch (err) {
        if (!(err instanceof OutboxError)) throw err;
      }
      // Meta first: once it is gone the entry is no longer listed, even if the blob delete fails.
      await rm(metaPath(sha256), { force: true });
      await rm(blobPath(sha256), { force: true });
      if (thumbSha && thumbSha !== sha256) {
        await rm(metaPath(thumbSha), { force: true });
        await rm(blobPath(thumbSha), { force: true });
      }
    },

    async sweep() {
      const names = await readdir(dir);
      const metas = new Set(names.filter((n) => n.endsWith('.meta')).map((n) => n.slice(0, -5)));
      let removed = 0;
      for (const name of names) {
        const orphanBlob = name.endsWith('.blob') && !metas.has(name.slice(0, -5));
        if (isAtomicTempName(name) || orphanBlob) {
          await rm(join(dir, name), { force: true });
          removed++;
        }
      }
      return removed;
    },
  };
}
