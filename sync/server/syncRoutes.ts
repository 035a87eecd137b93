import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { heartbeat } from '../protocol/heartbeat';
import {
  type CollectionName,
  collectionName,
  KIOSK_PUSHABLE,
  pullQuery,
  pushRequest,
} from '../protocol/replication';
import type { ChangeHub } from './changeHub';
import type { Database } from './database';
import { type DeviceIdentity, deviceScopes } from './deviceIdentity';
import { pullDocuments } from './documentStore';
import { badRequest, forbidden } from './gatewayErrors';
import { handlePush, type ServiceVersionCache } from './pushHandler';

/**
 * Device-authenticated replication routes (the plugin that registers these has already put
 * `request.device` in place). Pull and push per collection, SSE streams, heartbeat.
 */
export interface SyncRouteDeps {
  db: Database;
  hub: ChangeHub;
  services: ServiceVersionCache;
  sseHeartbeatMs: number;
  pushBodyLimit: number;
}

function parseCollection(value: unknown): CollectionName {
  const parsed = collectionName.safeParse(value);
  if (!parsed.success) throw badRequest('unknown_collection', `no collection ${String(value).slice(0, 40)}`);
  return parsed.data;
}

function device(request: FastifyRequest): DeviceIdentity {
  return request.device!;
}

export async function registerSyncRoutes(app: FastifyInstance, deps: SyncRouteDeps): Promise<void> {
  app.get('/v1/sync/:collection/pull', async (request) => {
    const collection = parseCollection((request.params as { collection: string }).collection);
    const q = pullQuery.safeParse(request.query);
    if (!q.success) throw badRequest('bad_query', 'seq and limit must be non-negative integers');
    return pullDocuments(deps.db, collection, deviceScopes(device(request)), q.data.seq, q.data.limit);
  });

  app.post('/v1/sync/:collection/push', { bodyLimit: deps.pushBodyLimit }, async (request) => {
    const collection = parseCollection((request.params as { collection: string }).collection);
    if (!KIOSK_PUSHABLE.has(collection)) {
      throw forbidden('read_only_collection', `${collection} is written by the county only`);
    }
    const rows = pushRequest.safeParse(request.body);
    if (!rows.success)
      throw badRequest('bad_push', 'body must be 1–100 rows of {assumedMasterState, newDocumentState}');
    const outcome = await handlePush(deps.db, deps.services, collection, device(request), rows.data);
    return outcome.conflicts;
  });

  app.get('/v1/sync/stream', (request, reply) => {
    openStream(request, reply, deps, null);
  });
  app.get('/v1/sync/:collection/stream', (request, reply) => {
    const collection = parseCollection((request.params as { collection: string }).collection);
    openStream(request, reply, deps, collection);
  });

  app.post('/v1/heartbeat', { bodyLimit: 16 * 1024 }, async (request) => {
    const beat = heartbeat.safeParse(request.body);
    if (!beat.success) throw badRequest('bad_heartbeat', 'heartbeat does not match the schema');
    await deps.db.query(
      'UPDATE devices SET last_seen_at = now(), last_heartbeat = $2::jsonb, app_version = $3 WHERE id = $1',
      [device(request).id, JSON.stringify(beat.data), beat.data.appVersion],
    );
    return { ok: true, serverTime: new Date().toISOString() };
  });
}

/**
 * SSE: "RESYNC" at once (the client may have missed changes while away), then one event per
 * relevant change, and a comment line as heartbeat so NATs and proxies keep the link open.
 */
function openStream(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: SyncRouteDeps,
  collection: CollectionName | null,
) {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  const send = (which: CollectionName | '*') => {
    const data = collection ? 'RESYNC' : { collection: which, message: 'RESYNC' };
    res.write(`data: ${JSON.stringify(data)}\n\n`);
  };
  res.write('retry: 5000\n\n');
  send('*');
  const unsubscribe = deps.hub.subscribe(deviceScopes(device(request)), collection, send);
  const timer = setInterval(() => res.write(': ping\n\n'), deps.sseHeartbeatMs);
  const close = () => {
    clearInterval(timer);
    unsubscribe();
  };
  request.raw.on('close', close);
  res.on('error', close);
}
