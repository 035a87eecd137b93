// Fastify plugin serving the county's update folder read-only to kiosks (electron-updater
// `generic` provider layout: latest*.yml, rollout.json and the artifacts they name).
// Register with a prefix: app.register(updatesPlugin, { prefix: '/updates', dir: '/srv/cunban/updates' }).
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { parseByteRange } from './byteRange';
import { updateFileKind } from './updateFileRules';

export interface UpdatesPluginOptions {
  /** The folder scripts/release-update.ts fills. */
  dir: string;
}

const notFound = (reply: FastifyReply) => reply.code(404).type('text/plain; charset=utf-8').send('not found');

export const updatesPlugin: FastifyPluginAsync<UpdatesPluginOptions> = async (app, options) => {
  const root = await realpath(options.dir);

  app.get<{ Params: { name: string } }>('/:name', async (request, reply) => {
    const { name } = request.params;
    const kind = updateFileKind(name);
    if (!kind) return notFound(reply);
    // The name is flat, but a symlink inside the folder could still point elsewhere.
    let path: string;
    let size: number;
    let mtimeMs: number;
    try {
      path = await realpath(join(root, name));
      if (!path.startsWith(root + sep)) return notFound(reply);
      const info = await stat(path);
      if (!info.isFile()) return notFound(reply);
      size = info.size;
      mtimeMs = info.mtimeMs;
    } catch {
      return notFound(reply);
    }

    const etag = `"${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}"`;
    reply
      .header('content-type', kind.contentType)
      .header('cache-control', kind.cacheControl)
      .header('etag', etag)
      .header('last-modified', new Date(mtimeMs).toUTCString())
      .header('accept-ranges', 'bytes')
      .header('x-content-type-options', 'nosniff');

    const ifNoneMatch = request.headers['if-none-match'];
    if (ifNoneMatch?.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) {
      return reply.code(304).send();
    }

    // If-Range: resume only if the file is still the one the client started on.
    const ifRange = request.headers['if-range'];
    const rangeHeader = ifRange && ifRange !== etag ? undefined : request.headers.range;
    const range = parseByteRange(rangeHeader, size);
    if (range.kind === 'unsatisfiable') {
      return reply.code(416).header('content-range', `bytes */${size}`).send();
    }
    if (range.kind === 'partial') {
      reply
        .code(206)
        .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
        .header('content-length', range.end - range.start + 1);
      return reply.send(createReadStream(path, { start: range.start, end: range.end }));
    }
    reply.header('content-length', size);
    return reply.send(createReadStream(path));
  });
};

export default updatesPlugin;
