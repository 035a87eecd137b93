import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * Serves the built county console (dist/console) at /console/. Register it without fastify-plugin
 * wrapping (it is not): its header hook stays inside this scope and never touches the API.
 *
 *   await app.register(countyConsolePlugin);
 */
export interface CountyConsoleOptions {
  /** Folder with the Vite build; defaults to <repo>/dist/console. */
  root?: string;
}

export const CONSOLE_PREFIX = '/console/';
export const DEFAULT_CONSOLE_ROOT = fileURLToPath(new URL('../../../dist/console/', import.meta.url));

/**
 * Staff see personal data here, so the page may load nothing from elsewhere, never be framed and
 * never leak its URL. `img-src data:` is the one widening: enrollment QR codes are data: URLs.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const CONSOLE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONSOLE_CSP,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="UTF-8"><title>县级管理台尚未构建</title></head>
<body><h1>县级管理台尚未构建</h1>
<p>网关正在运行，但管理台页面还没有构建。请在项目目录运行：</p>
<pre>npx vite build --config sync/server/console/vite.config.ts</pre>
<p>然后重新启动网关。</p>
<p lang="en">The county console is not built. Build it with the command above and restart the gateway.</p>
</body></html>
`;

function applySecurityHeaders(reply: FastifyReply): void {
  for (const [name, value] of Object.entries(CONSOLE_SECURITY_HEADERS)) reply.header(name, value);
}

export async function countyConsolePlugin(
  app: FastifyInstance,
  options: CountyConsoleOptions = {},
): Promise<void> {
  const root = path.resolve(options.root ?? DEFAULT_CONSOLE_ROOT);

  // onSend runs after the gateway's global helmet hook, so these values win for console responses.
  app.addHook('onSend', async (request, reply, payload) => {
    applySecurityHeaders(reply);
    // index.html must be revalidated so a rebuilt console is picked up; hashed assets never change.
    const isAsset = request.url.startsWith(`${CONSOLE_PREFIX}assets/`) && reply.statusCode === 200;
    reply.header('cache-control', isAsset ? 'public, max-age=31536000, immutable' : 'no-store');
    return payload;
  });

  // Checked once at start: a console built later is served after a restart (see docs/county-console.md).
  if (!existsSync(path.join(root, 'index.html'))) {
    const notBuilt = async (_request: unknown, reply: FastifyReply) =>
      reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
    app.get('/console', notBuilt);
    app.get('/console/*', notBuilt);
    return;
  }

  app.get('/console', async (_request, reply) => reply.redirect(CONSOLE_PREFIX, 301));
  await app.register(fastifyStatic, {
    root,
    prefix: CONSOLE_PREFIX,
    decorateReply: false,
    index: ['index.html'],
    dotfiles: 'deny',
  });
}
