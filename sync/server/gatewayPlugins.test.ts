import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './testing/gatewayHarness';

/** The gateway as `npm run county` builds it also serves the county console and update channels. */
describe('gateway plugins: console and update channels', () => {
  let h: Harness;
  beforeAll(async () => {
    const updatesDir = await mkdtemp(path.join(tmpdir(), 'cunban-updates-'));
    await writeFile(path.join(updatesDir, 'latest-linux.yml'), 'version: 0.2.0\n');
    const consoleRoot = await mkdtemp(path.join(tmpdir(), 'cunban-console-'));
    await mkdir(path.join(consoleRoot, 'assets'));
    await writeFile(path.join(consoleRoot, 'index.html'), '<!doctype html><title>县级管理台</title>');
    h = await startHarness('pglite', { updatesDir, consoleRoot });
  }, 120_000);
  afterAll(async () => h?.close());

  it('serves update metadata uncached and refuses traversal', async () => {
    const meta = await fetch(`${h.url}/updates/latest-linux.yml`);
    expect(meta.status).toBe(200);
    expect(meta.headers.get('content-type')).toContain('yaml');
    expect(meta.headers.get('cache-control')).toContain('no-cache');
    expect(await meta.text()).toContain('0.2.0');
    expect((await fetch(`${h.url}/updates/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
  });

  it('serves the console with its own strict headers', async () => {
    const page = await fetch(`${h.url}/console/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('县级管理台');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
