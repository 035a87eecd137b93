import './fastifyTypes';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { DEVICE_TOKEN_AUDIENCE, enrollRequest } from '../protocol/enrollment';
import { MAX_FILE_BYTES } from '../protocol/files';
import { registerAdminRoutes } from './adminRoutes';
import { ChangeHub } from './changeHub';
import { countyConsolePlugin } from './console/consolePlugin';
import type { Database } from './database';
import { DeviceAuthenticator, tokenFromRequest } from './deviceAuth';
import { CrossSiteError } from './deviceIdentity';
import { redeemEnrollmentCode } from './enrollmentService';
import { registerFileRoutes, type S3Options, type StoredFileReader } from './fileRoutes';
import { type ForwardingAdapter, noForwarding } from './forwarding';
import { badRequest, HttpError } from './gatewayErrors';
import { ServiceVersionCache } from './pushHandler';
import { registerStaffRoutes } from './staffRoutes';
import { registerSyncRoutes } from './syncRoutes';
import { updatesPlugin } from './updates/updatesPlugin';

/**
 * The county gateway as a Fastify instance (tests use `inject` or `listen`). The database must be
 * open and migrated; the gateway does not close it (the caller owns it).
 */
export interface GatewayOptions {
  db: Database;
  /** Where tus stores uploads when S3 is not configured. */
  filesDir: string;
  s3?: S3Options;
  /** Public base URL printed in enrollment QR codes; defaults to the listening address. */
  publicUrl?: string;
  audience?: string;
  forwarding?: ForwardingAdapter;
  sseHeartbeatMs?: number;
  /** Requests per minute per device (or per IP before authentication). */
  rateLimitPerMinute?: number;
  /** Enrollment attempts per minute per IP (slows code guessing). */
  enrollRateLimitPerMinute?: number;
  pushBodyLimit?: number;
  maxFileBytes?: number;
  logger?: FastifyServerOptions['logger'];
  /** Set cookies with Secure (behind HTTPS). */
  secureCookies?: boolean;
  /** Folder of update channels (filled by scripts/release-update.ts), served at /updates/. Must exist. */
  updatesDir?: string;
  /** Built county console (default dist/console); served at /console/. */
  consoleRoot?: string;
  /** Enables loopback admin calls for the CLI (see adminRoutes.ts). */
  adminToken?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    gateway: { db: Database; hub: ChangeHub; publicUrl: () => string };
  }
}

/** Logs carry method and route, never query strings or bodies (they can hold names and ID numbers). */
const privacySafeSerializers = {
  req: (req: { method: string; routeOptions?: { url?: string }; url: string }) => ({
    method: req.method,
    route: req.routeOptions?.url ?? req.url.split('?')[0],
  }),
};

export async function buildGateway(options: GatewayOptions): Promise<FastifyInstance> {
  const logger = options.logger === undefined ? false : options.logger;
  const app = Fastify({
    logger:
      logger === false
        ? false
        : typeof logger === 'object'
          ? { ...logger, serializers: privacySafeSerializers }
          : logger,
    bodyLimit: 256 * 1024,
    trustProxy: false,
  });
  const db = options.db;
  const hub = new ChangeHub(db);
  await hub.start();
  const auth = new DeviceAuthenticator(db, { audience: options.audience ?? DEVICE_TOKEN_AUDIENCE });
  const services = new ServiceVersionCache();
  const publicUrl = () => {
    if (options.publicUrl) return options.publicUrl;
    const address = app.server.address();
    return address && typeof address === 'object' ? `http://127.0.0.1:${address.port}` : 'http://127.0.0.1';
  };
  app.decorate('gateway', { db, hub, publicUrl });
  app.addHook('onClose', async () => {
    await hub.close();
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof HttpError) return reply.code(error.statusCode).send(error.toBody());
    if (error instanceof CrossSiteError) {
      return reply.code(403).send({
        error: 'cross_site',
        message: 'document belongs to another site',
        messageZh: '不能操作其他站点的资料。',
      });
    }
    const e = error as { statusCode?: number; code?: string; message?: string };
    if (e.statusCode === 429)
      return reply
        .code(429)
        .send({ error: 'rate_limited', message: 'too many requests', messageZh: '请求太频繁，请稍后再试。' });
    if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply
        .code(413)
        .send({ error: 'body_too_large', message: 'request body too large', messageZh: '发送的数据太大。' });
    }
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      const b = badRequest(e.code ?? 'bad_request', e.message ?? 'bad request');
      return reply.code(e.statusCode).send(b.toBody());
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({
      error: 'internal',
      message: 'internal error',
      messageZh: '县里的系统出了点问题，稍后会自动重试。',
    });
  });

  await app.register(helmet, { contentSecurityPolicy: { directives: { defaultSrc: ["'self'"] } } });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: true,
    hook: 'preHandler',
    max: options.rateLimitPerMinute ?? 1200,
    timeWindow: '1 minute',
    keyGenerator: (request) => (request.device ? `device:${request.device.id}` : `ip:${request.ip}`),
  });

  app.get('/healthz', async () => {
    await db.query('SELECT 1');
    return { ok: true, database: db.kind, streams: hub.size };
  });

  app.post(
    '/v1/enroll',
    {
      bodyLimit: 8192,
      config: { rateLimit: { max: options.enrollRateLimitPerMinute ?? 30, timeWindow: '1 minute' } },
    },
    async (request) => {
      const body = enrollRequest.safeParse(request.body);
      if (!body.success)
        throw badRequest('bad_enrollment', body.error.issues[0]?.message ?? 'invalid enrollment request');
      return redeemEnrollmentCode(db, body.data, options.audience ?? DEVICE_TOKEN_AUDIENCE);
    },
  );

  let readStoredFile: StoredFileReader = async () => null;
  await app.register(async (deviceScope) => {
    deviceScope.addHook('onRequest', async (request) => {
      request.device = await auth.authenticate(tokenFromRequest(request.headers, request.query));
    });
    await registerSyncRoutes(deviceScope, {
      db,
      hub,
      services,
      sseHeartbeatMs: options.sseHeartbeatMs ?? 20_000,
      pushBodyLimit: options.pushBodyLimit ?? 1024 * 1024,
    });
    readStoredFile = await registerFileRoutes(deviceScope, {
      db,
      directory: options.filesDir,
      maxBytes: options.maxFileBytes ?? MAX_FILE_BYTES,
      ...(options.s3 ? { s3: options.s3 } : {}),
    });
  });

  if (options.adminToken) await registerAdminRoutes(app, db, options.adminToken, publicUrl);
  await registerStaffRoutes(app, {
    db,
    forwarding: options.forwarding ?? noForwarding,
    publicUrl,
    secureCookies: options.secureCookies ?? false,
    readStoredFile: (id) => readStoredFile(id),
  });
  await app.register(countyConsolePlugin, options.consoleRoot ? { root: options.consoleRoot } : {});
  if (options.updatesDir) await app.register(updatesPlugin, { prefix: '/updates', dir: options.updatesDir });
  return app;
}
