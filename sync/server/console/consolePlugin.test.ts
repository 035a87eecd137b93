import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { countyConsolePlugin } from './consolePlugin';

const dirs: string[] = [];
const apps: FastifyInstance[] = [];

async function consoleBuild(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cunban-console-'));
  dirs.push(dir);
  await mkdir(path.join(dir, 'assets'));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>县级管理台</title>');
  await writeFile(path.join(dir, 'assets', 'main-abc123.js'), 'console.log(1)');
  return dir;
}

async function gatewayWithConsole(root: string): Promise<FastifyInstance> {
  const app = Fastify();
  apps.push(app);
  // Like the gateway: a global helmet with looser defaults that the console must override.
  await app.register(helmet, { contentSecurityPolicy: { directives: { defaultSrc: ["'self'"] } } });
  app.get('/v1/staff/me', async () => ({ ok: true }));
  await app.register(countyConsolePlugin, { root });
  return app;
}

afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('countyConsolePlugin', () => {
  it('serves the built console with strict headers and revalidates index.html', async () => {
    const app = await gatewayWithConsole(await consoleBuild());
    const res = await app.inject('/console/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('县级管理台');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('caches hashed assets for good and redirects /console to /console/', async () => {
    const app = await gatewayWithConsole(await consoleBuild());
    const asset = await app.inject('/console/assets/main-abc123.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    const bare = await app.inject('/console');
    expect([301, 302]).toContain(bare.statusCode);
    expect(bare.headers.location).toBe('/console/');
  });

  it('refuses paths that climb out of the build folder', async () => {
    const app = await gatewayWithConsole(await consoleBuild());
    const res = await app.inject('/console/..%2f..%2fetc%2fpasswd');
    expect([403, 404]).toContain(res.statusCode);
    expect(res.body).not.toContain('root:');
  });

  it('answers 503 with a page that says how to build when the console is missing', async () => {
    const app = await gatewayWithConsole(path.join(tmpdir(), 'cunban-console-does-not-exist'));
    for (const url of ['/console', '/console/', '/console/assets/x.js']) {
      const res = await app.inject(url);
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('县级管理台尚未构建');
      expect(res.body).toContain('vite build --config sync/server/console/vite.config.ts');
      expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    }
  });

  it('leaves the API outside /console untouched by the console headers', async () => {
    const app = await gatewayWithConsole(await consoleBuild());
    const res = await app.inject('/v1/staff/me');
    expect(res.statusCode).toBe(200);
    expect(res.headers['permissions-policy']).toBeUndefined();
  });
});
