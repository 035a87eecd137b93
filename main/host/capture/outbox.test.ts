import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyFileDataKey } from '../secure/dataKey';
import { OutboxError, openOutbox, sha256Hex } from './outbox';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cunban-outbox-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const keys = () => keyFileDataKey(join(dir, 'data.key'));

describe('outbox', () => {
  it('stores a page and its thumbnail under their SHA-256, encrypted, and gives them back', async () => {
    const outbox = await openOutbox(join(dir, 'outbox'), keys());
    const page = Buffer.concat([Buffer.from('JPEG-page-'), randomBytes(2000)]);
    const thumb = Buffer.concat([Buffer.from('JPEG-thumb-'), randomBytes(100)]);
    const stored = await outbox.put(page, {
      kind: 'page',
      mime: 'image/jpeg',
      width: 10,
      height: 20,
      thumbnail: thumb,
    });
    expect(stored).toEqual({ sha256: sha256Hex(page), size: page.length, thumbSha: sha256Hex(thumb) });

    const files = await readdir(join(dir, 'outbox'));
    expect(files.sort()).toEqual(
      [
        `${stored.sha256}.blob`,
        `${stored.sha256}.meta`,
        `${stored.thumbSha}.blob`,
        `${stored.thumbSha}.meta`,
      ].sort(),
    );
    const onDisk = await readFile(join(dir, 'outbox', `${stored.sha256}.blob`));
    expect(onDisk.includes(page.subarray(0, 10))).toBe(false);
    expect(onDisk.includes(page.subarray(500, 600))).toBe(false);

    expect((await outbox.get(stored.sha256)).equals(page)).toBe(true);
    expect((await outbox.get(stored.thumbSha!)).equals(thumb)).toBe(true);
    const list = await outbox.list();
    expect(list.map((e) => e.meta.kind).sort()).toEqual(['page', 'thumbnail']);
    expect(list.find((e) => e.meta.kind === 'page')).toMatchObject({
      sha256: stored.sha256,
      thumbSha: stored.thumbSha,
    });

    // Re-opening with the same key file (a restart) still reads it.
    const again = await openOutbox(join(dir, 'outbox'), keys());
    expect((await again.get(stored.sha256)).equals(page)).toBe(true);
  });

  it('is idempotent for the same bytes and removes a page with its thumbnail', async () => {
    const outbox = await openOutbox(join(dir, 'outbox'), keys());
    const page = randomBytes(300);
    const a = await outbox.put(page, { kind: 'page', mime: 'image/jpeg', thumbnail: randomBytes(30) });
    await outbox.put(page, { kind: 'page', mime: 'image/jpeg' });
    expect((await outbox.list()).filter((e) => e.meta.kind === 'page')).toHaveLength(1);
    await outbox.remove(a.sha256);
    expect(await outbox.list()).toEqual([]);
    expect(await readdir(join(dir, 'outbox'))).toEqual([]);
    await expect(outbox.get(a.sha256)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('detects tampering, swapped files and a wrong key as corrupt, and rejects bad names', async () => {
    const outbox = await openOutbox(join(dir, 'outbox'), keys());
    const one = await outbox.put(randomBytes(500), { kind: 'page', mime: 'image/jpeg' });
    const two = await outbox.put(randomBytes(500), { kind: 'page', mime: 'image/jpeg' });
    const blob = (sha: string) => join(dir, 'outbox', `${sha}.blob`);

    const bytes = await readFile(blob(one.sha256));
    bytes[40]! ^= 0xff;
    await writeFile(blob(one.sha256), bytes);
    await expect(outbox.get(one.sha256)).rejects.toMatchObject({ code: 'corrupt' });

    await rename(blob(two.sha256), blob(one.sha256));
    await expect(outbox.get(one.sha256)).rejects.toBeInstanceOf(OutboxError);

    const stranger = await openOutbox(join(dir, 'outbox'), keyFileDataKey(join(dir, 'other.key')));
    await expect(stranger.entry(two.sha256)).rejects.toMatchObject({ code: 'corrupt' });
    expect(await stranger.list()).toEqual([]);

    await expect(outbox.get('../../etc/passwd')).rejects.toMatchObject({ code: 'bad-name' });
  });

  it('never lists a half-written entry and sweeps what a crash left behind', async () => {
    const outboxDir = join(dir, 'outbox');
    const outbox = await openOutbox(outboxDir, keys());
    const kept = await outbox.put(randomBytes(100), { kind: 'page', mime: 'image/jpeg' });
    // A crash after the blob but before the meta, and one mid-write of a temp file.
    const orphan = sha256Hex(Buffer.from('orphan'));
    await writeFile(join(outboxDir, `${orphan}.blob`), randomBytes(64));
    await writeFile(join(outboxDir, `.${orphan}.meta.abcdef.tmp`), randomBytes(10));
    expect((await outbox.list()).map((e) => e.sha256)).toEqual([kept.sha256]);
    expect(await outbox.sweep()).toBe(2);
    expect((await readdir(outboxDir)).sort()).toEqual([`${kept.sha256}.blob`, `${kept.sha256}.meta`]);
  });
});
