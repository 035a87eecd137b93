import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { FileStore } from '@tus/file-store';
import { S3Store } from '@tus/s3-store';
import { Server as TusServer } from '@tus/server';
import type { FastifyInstance } from 'fastify';
import { ALLOWED_CONTENT_TYPES, FILES_PATH, fileMetadata } from '../protocol/files';
import { sha256Hex, uuidV7 } from '../protocol/ids';
import type { Database } from './database';
import type { DeviceIdentity } from './deviceIdentity';
import { readDocument, writeDocuments } from './documentStore';
import { badRequest } from './gatewayErrors';

/**
 * Scanned pages by tus. Upload ids are made here (random hex) and must match that shape, so a
 * client-supplied path (`../`, slashes) never reaches the store. The device that created an
 * upload is remembered; another site's device gets 403. On the last byte the gateway hashes the
 * stored file and compares it with the declared SHA-256.
 */
export interface S3Options {
  bucket: string;
  region: string;
  endpoint?: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle?: boolean;
}

export interface FileRouteOptions {
  db: Database;
  directory: string;
  maxBytes: number;
  s3?: S3Options;
}

const UPLOAD_ID = /^[0-9a-f]{32}$/;
const tusError = (status_code: number, body: string) => ({ status_code, body });

interface Store {
  read(id: string): Readable | Promise<Readable>;
}

async function sha256Of(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Marks the application's files complete once every referenced page has verified. */
async function refreshFilesComplete(db: Database, applicationId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const doc = await readDocument(tx, 'applications', applicationId);
    if (!doc || doc.body.filesComplete === true) return;
    const verified = await tx.query<{ sha256: string }>(
      "SELECT sha256 FROM files WHERE application_id = $1 AND state = 'verified'",
      [applicationId],
    );
    const have = new Set(verified.rows.map((r) => r.sha256));
    const materials = (doc.body.materials as Array<{ sha256: string }> | undefined) ?? [];
    if (!materials.every((m) => have.has(m.sha256))) return;
    await writeDocuments(tx, db.changeChannel, 'applications', [
      { id: applicationId, scopes: doc.scopes, body: { ...doc.body, filesComplete: true } },
    ]);
  });
}

/** Reads a stored, verified upload by its server-made id (for the staff console). */
export type StoredFileReader = (
  id: string,
) => Promise<{ contentType: string; size: number; stream: Readable } | null>;

export async function registerFileRoutes(
  app: FastifyInstance,
  options: FileRouteOptions,
): Promise<StoredFileReader> {
  const { db } = options;
  const current = new AsyncLocalStorage<DeviceIdentity>();
  const store = options.s3
    ? new S3Store({
        partSize: 8 * 1024 * 1024,
        s3ClientConfig: {
          bucket: options.s3.bucket,
          region: options.s3.region,
          ...(options.s3.endpoint ? { endpoint: options.s3.endpoint } : {}),
          forcePathStyle: options.s3.forcePathStyle ?? true,
          credentials: { accessKeyId: options.s3.accessKeyId, secretAccessKey: options.s3.secretAccessKey },
        },
      })
    : new FileStore({ directory: options.directory });

  const tus = new TusServer({
    path: FILES_PATH,
    datastore: store,
    maxSize: options.maxBytes,
    relativeLocation: true,
    respectForwardedHeaders: false,
    namingFunction: () => randomBytes(16).toString('hex'),
    getFileIdFromRequest: (req) => {
      const path = new URL(req.url).pathname;
      const id = path.startsWith(`${FILES_PATH}/`) ? path.slice(FILES_PATH.length + 1) : '';
      return UPLOAD_ID.test(id) ? id : undefined;
    },
    onIncomingRequest: async (req, uploadId) => {
      const device = current.getStore();
      if (!device) throw tusError(401, 'device authentication required');
      // On POST the id is the one just made for the new upload; onUploadCreate checks that.
      if (!uploadId || req.method === 'POST') return;
      const row = (
        await db.query<{ division: string }>('SELECT division FROM files WHERE id = $1', [uploadId])
      ).rows[0];
      if (!row) throw tusError(404, 'unknown upload');
      if (row.division !== device.division) throw tusError(403, 'upload belongs to another site');
    },
    onUploadCreate: async (_req, upload) => {
      const device = current.getStore()!;
      if (upload.size === undefined) throw tusError(400, 'Upload-Length is required');
      const meta = fileMetadata.safeParse(upload.metadata ?? {});
      if (!meta.success) {
        const type = upload.metadata?.contentType;
        if (type && !(ALLOWED_CONTENT_TYPES as readonly string[]).includes(type)) {
          throw tusError(415, 'content type not allowed (JPEG, PNG, PDF only)');
        }
        throw tusError(400, 'Upload-Metadata needs sha256, applicationId, contentType');
      }
      const app = await readDocument(db, 'applications', meta.data.applicationId);
      if (app && !app.scopes.includes(`site:${device.division}`))
        throw tusError(403, 'application belongs to another site');
      await db.query(
        `INSERT INTO files (id, sha256, application_id, device_id, division, content_type, size)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          upload.id,
          meta.data.sha256,
          meta.data.applicationId,
          device.id,
          device.division,
          meta.data.contentType,
          upload.size,
        ],
      );
      return {};
    },
    onUploadFinish: async (_req, upload) => {
      const row = (
        await db.query<{ sha256: string; application_id: string }>(
          'SELECT sha256, application_id FROM files WHERE id = $1',
          [upload.id],
        )
      ).rows[0];
      if (!row) throw tusError(404, 'unknown upload');
      const actual = await sha256Of(await (store as unknown as Store).read(upload.id));
      const ok = actual === row.sha256;
      await db.query('UPDATE files SET state = $2, completed_at = now() WHERE id = $1', [
        upload.id,
        ok ? 'verified' : 'mismatch',
      ]);
      // 460 is tus's "checksum mismatch": the kiosk must upload the page again.
      if (!ok) throw tusError(460, 'SHA-256 of the received file does not match the declared hash');
      await refreshFilesComplete(db, row.application_id);
      return {};
    },
  });

  await app.register(async (scope) => {
    // tus reads the raw request body itself; fastify must not consume it.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, _payload, done) => done(null));

    scope.get(`${FILES_PATH}/status`, async (request) => {
      const q = request.query as Record<string, unknown>;
      const sha = sha256Hex.safeParse(q.sha256);
      const appId = uuidV7.safeParse(q.applicationId);
      if (!sha.success || !appId.success)
        throw badRequest('bad_query', 'sha256 and applicationId are required');
      const rows = await db.query<{ state: string }>(
        `SELECT state FROM files WHERE sha256 = $1 AND application_id = $2 AND division = $3
          ORDER BY CASE state WHEN 'verified' THEN 0 WHEN 'uploading' THEN 1 ELSE 2 END LIMIT 1`,
        [sha.data, appId.data, request.device!.division],
      );
      return { sha256: sha.data, applicationId: appId.data, state: rows.rows[0]?.state ?? 'missing' };
    });

    const handle = (request: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
      reply.hijack();
      current.run(request.device!, () => {
        tus.handle(request.raw, reply.raw).catch((error: unknown) => {
          request.log.error({ err: error }, 'tus handler failed');
          if (!reply.raw.headersSent) reply.raw.writeHead(500);
          reply.raw.end();
        });
      });
    };
    scope.route({ method: ['POST', 'HEAD', 'PATCH', 'OPTIONS', 'DELETE'], url: FILES_PATH, handler: handle });
    scope.route({
      method: ['GET', 'POST', 'HEAD', 'PATCH', 'OPTIONS', 'DELETE'],
      url: `${FILES_PATH}/*`,
      handler: handle,
    });
  });

  return async (id) => {
    if (!UPLOAD_ID.test(id)) return null;
    const row = (
      await db.query<{ content_type: string; size: string | number }>(
        "SELECT content_type, size FROM files WHERE id = $1 AND state = 'verified'",
        [id],
      )
    ).rows[0];
    if (!row) return null;
    return {
      contentType: row.content_type,
      size: Number(row.size),
      stream: await (store as unknown as Store).read(id),
    };
  };
}
