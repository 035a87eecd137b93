// Generates metadata for a fake release folder (tiny fake artifacts) and checks that the plugin,
// on a bare Fastify instance, serves it with the right types, caching, ranges — and nothing else.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type UpdateInfoDocument, writeRelease } from './releaseMetadata';
import { updatesPlugin } from './updatesPlugin';

let app: FastifyInstance;
let outDir: string;
const deb = Buffer.from('fake deb payload '.repeat(300));
const appImage = Buffer.from('fake AppImage payload '.repeat(200));

beforeAll(async () => {
  const build = mkdtempSync(join(tmpdir(), 'cunban-build-'));
  const artifacts = {
    'cunban-1.3.0-linux-amd64.deb': deb,
    'cunban-1.3.0-linux-x86_64.AppImage': appImage,
    'cunban-1.3.0-linux-arm64.deb': Buffer.from('arm deb'),
    'cunban-1.3.0-win-x64-setup.exe': Buffer.from('MZ fake nsis'),
    'cunban-1.3.0-win-x64-setup.exe.blockmap': Buffer.from('blockmap'),
  };
  for (const [name, data] of Object.entries(artifacts)) writeFileSync(join(build, name), data);
  outDir = mkdtempSync(join(tmpdir(), 'cunban-updates-'));
  await writeRelease({
    version: '1.3.0',
    artifacts: Object.keys(artifacts).map((n) => join(build, n)),
    outDir,
    releaseDate: new Date('2026-11-29T10:00:00Z'),
    rollout: { version: '1.3.0', percentage: 10 },
  });
  // Things in the folder that must never be served.
  writeFileSync(join(outDir, 'cunban-1.4.0-linux-amd64.deb.part'), 'partial');
  writeFileSync(join(outDir, '.htpasswd'), 'secret');
  mkdirSync(join(outDir, 'sub'));
  writeFileSync(join(outDir, 'sub', 'latest.yml'), 'nested');
  const outside = join(mkdtempSync(join(tmpdir(), 'cunban-outside-')), 'secret.yml');
  writeFileSync(outside, 'outside the folder');
  symlinkSync(outside, join(outDir, 'escape.yml'));

  app = Fastify();
  await app.register(updatesPlugin, { prefix: '/updates', dir: outDir });
  await app.ready();
});
afterAll(() => app.close());

const sha512 = (data: Buffer) => createHash('sha512').update(data).digest('base64');

describe('release metadata', () => {
  it('writes one channel file per platform with electron-updater fields', async () => {
    const linux = await app.inject('/updates/latest-linux.yml');
    const doc = load(linux.body) as UpdateInfoDocument;
    expect(doc).toEqual({
      version: '1.3.0',
      files: [
        { url: 'cunban-1.3.0-linux-x86_64.AppImage', sha512: sha512(appImage), size: appImage.length },
        { url: 'cunban-1.3.0-linux-amd64.deb', sha512: sha512(deb), size: deb.length },
      ],
      path: 'cunban-1.3.0-linux-x86_64.AppImage',
      sha512: sha512(appImage),
      releaseDate: '2026-11-29T10:00:00.000Z',
    });
    const arm = load((await app.inject('/updates/latest-linux-arm64.yml')).body) as UpdateInfoDocument;
    expect(arm.files.map((f: { url: string }) => f.url)).toEqual(['cunban-1.3.0-linux-arm64.deb']);
    const win = load((await app.inject('/updates/latest.yml')).body) as UpdateInfoDocument;
    expect(win.path).toBe('cunban-1.3.0-win-x64-setup.exe');
  });
});

describe('updatesPlugin', () => {
  it('serves yml as text/yaml and metadata with no-cache and an ETag', async () => {
    const res = await app.inject('/updates/latest-linux.yml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/yaml; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers.etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    const rollout = await app.inject('/updates/rollout.json');
    expect(rollout.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(rollout.headers['cache-control']).toBe('no-cache');
    expect(rollout.json()).toEqual({ version: '1.3.0', percentage: 10 });
  });

  it('answers a revalidation with 304', async () => {
    const first = await app.inject('/updates/latest-linux.yml');
    const again = await app.inject({
      url: '/updates/latest-linux.yml',
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('serves artifacts as immutable application/octet-stream with ETag and byte ranges', async () => {
    const res = await app.inject('/updates/cunban-1.3.0-linux-amd64.deb');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.headers.etag).toBeDefined();
    expect(Number(res.headers['content-length'])).toBe(deb.length);
    expect(res.rawPayload.equals(deb)).toBe(true);
    const blockmap = await app.inject('/updates/cunban-1.3.0-win-x64-setup.exe.blockmap');
    expect(blockmap.headers['content-type']).toBe('application/octet-stream');
  });

  it('resumes with Range: 206 and exactly the asked bytes', async () => {
    const res = await app.inject({
      url: '/updates/cunban-1.3.0-linux-amd64.deb',
      headers: { range: 'bytes=1000-' },
    });
    expect(res.statusCode).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes 1000-${deb.length - 1}/${deb.length}`);
    expect(res.rawPayload.equals(deb.subarray(1000))).toBe(true);
    const middle = await app.inject({
      url: '/updates/cunban-1.3.0-linux-amd64.deb',
      headers: { range: 'bytes=10-19' },
    });
    expect(middle.rawPayload.equals(deb.subarray(10, 20))).toBe(true);
    const suffix = await app.inject({
      url: '/updates/cunban-1.3.0-linux-amd64.deb',
      headers: { range: 'bytes=-5' },
    });
    expect(suffix.rawPayload.equals(deb.subarray(deb.length - 5))).toBe(true);
  });

  it('answers 416 past the end and ignores a Range whose If-Range no longer matches', async () => {
    const past = await app.inject({
      url: '/updates/cunban-1.3.0-linux-amd64.deb',
      headers: { range: `bytes=${deb.length}-` },
    });
    expect(past.statusCode).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${deb.length}`);
    const stale = await app.inject({
      url: '/updates/cunban-1.3.0-linux-amd64.deb',
      headers: { range: 'bytes=1000-', 'if-range': '"old-etag"' },
    });
    expect(stale.statusCode).toBe(200);
    expect(stale.rawPayload.length).toBe(deb.length);
  });

  it('supports HEAD for size checks', async () => {
    const res = await app.inject({ method: 'HEAD', url: '/updates/cunban-1.3.0-linux-x86_64.AppImage' });
    expect(res.statusCode).toBe(200);
    expect(Number(res.headers['content-length'])).toBe(appImage.length);
    expect(res.body).toBe('');
  });

  it('does not serve traversal, dotfiles, partial copies, subfolders or symlinks out of the folder', async () => {
    const refused = [
      '/updates/..%2f..%2fetc%2fpasswd',
      '/updates/%2e%2e%2fpackage.json',
      '/updates/../package.json',
      '/updates/..%5c..%5cwindows.yml',
      '/updates/.htpasswd',
      '/updates/cunban-1.4.0-linux-amd64.deb.part',
      '/updates/sub/latest.yml',
      '/updates/sub%2flatest.yml',
      '/updates/escape.yml',
      '/updates/missing.yml',
      '/updates/',
    ];
    for (const url of refused) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body, url).not.toMatch(/outside the folder|secret|nested|partial/);
    }
  });

  it('is read-only', async () => {
    for (const method of ['PUT', 'POST', 'DELETE'] as const) {
      const res = await app.inject({ method, url: '/updates/latest.yml', payload: 'x' });
      expect(res.statusCode, method).toBe(404);
    }
  });
});
