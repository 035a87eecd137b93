import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticServer } from './staticServer';

/** The browser host's file server is the page's only door to the disk: bad paths must bounce. */
describe('browser host static server', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const parent = await mkdtemp(join(tmpdir(), 'cunban-static-'));
    const root = join(parent, 'renderer');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><title>kiosk</title>');
    await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(root, '.env'), 'SECRET=1');
    await writeFile(join(parent, 'secret.txt'), 'outside the root');
    server = createStaticServer({ root, csp: () => "default-src 'self'" });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => new Promise((r) => server.close(r)));

  it('serves the app with its CSP and security headers, and the index for app routes', async () => {
    const js = await fetch(`${base}/assets/app.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('javascript');
    expect(js.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(js.headers.get('x-frame-options')).toBe('DENY');
    const route = await fetch(`${base}/home`);
    expect(await route.text()).toContain('<title>kiosk</title>');
  });

  it('refuses traversal, dotfiles, bad encoding, missing assets and writes', async () => {
    for (const path of [
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/.env',
      '/%E0%A4%A',
      '/assets/missing.js',
    ]) {
      const res = await fetch(`${base}${path}`);
      expect([400, 404], path).toContain(res.status);
      expect(await res.text(), path).not.toContain('outside the root');
    }
    expect((await fetch(`${base}/index.html`, { method: 'POST' })).status).toBe(405);
  });
});
