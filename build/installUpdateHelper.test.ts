// The root update helper must install Cunban packages only. These tests build real (tiny) .deb
// files with dpkg-deb and run the helper in --dry-run mode, which performs every check but never
// calls `dpkg -i`.
import { spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const helper = join(dirname(fileURLToPath(import.meta.url)), 'linux/cunban-install-update');
const hostArch = spawnSync('dpkg', ['--print-architecture'], { encoding: 'utf8' }).stdout.trim();
let dir = '';
let goodDeb = '';

function buildDeb(name: string, pkg: string, arch = hostArch, version = '9.9.9'): string {
  const tree = join(dir, `${name}-tree`);
  mkdirSync(join(tree, 'DEBIAN'), { recursive: true });
  writeFileSync(
    join(tree, 'DEBIAN/control'),
    `Package: ${pkg}\nVersion: ${version}\nArchitecture: ${arch}\nMaintainer: Test <t@example.cn>\nDescription: test\n`,
  );
  const out = join(dir, `${name}.deb`);
  const built = spawnSync('dpkg-deb', ['--root-owner-group', '-Znone', '--build', tree, out], {
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(built.stderr);
  return out;
}

const sha512 = (file: string) => createHash('sha512').update(readFileSync(file)).digest('hex');
// The county's release key (scripts/release-update.ts --signing-key) and its public half, which
// the package installs as /usr/lib/cunban/update-signing.pem.
const releaseKey = generateKeyPairSync('ed25519');
const otherKey = generateKeyPairSync('ed25519');
let publicKeyFile = '';
const signatureFor = (hex: string, key = releaseKey.privateKey) =>
  sign(null, Buffer.from(`cunban-update-v1 sha512=${hex}\n`), key).toString('base64');
/** Runs the helper in dry-run mode with the test public key; the signature defaults to a valid one. */
const run = (path: string, hex: string, signature = signatureFor(hex)) =>
  spawnSync(helper, ['--dry-run', '--pubkey', publicKeyFile, path, hex, signature], { encoding: 'utf8' });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cunban-helper-'));
  goodDeb = buildDeb('good', 'cunban');
  publicKeyFile = join(dir, 'update-signing.pem');
  writeFileSync(publicKeyFile, releaseKey.publicKey.export({ type: 'spki', format: 'pem' }));
});

describe('cunban-install-update', () => {
  it('accepts a Cunban package of this architecture with the right sha512', () => {
    const result = run(goodDeb, sha512(goodDeb));
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe(`would install cunban 9.9.9 (${hostArch})`);
    expect(result.status).toBe(0);
  });

  it('refuses any other package', () => {
    const deb = buildDeb('evil', 'openssh-server');
    const result = run(deb, sha512(deb));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/not a Cunban package: openssh-server/);
  });

  it('refuses a file whose sha512 differs from what the kiosk verified', () => {
    const result = run(goodDeb, 'a'.repeat(128));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/sha512 mismatch/);
  });

  it('refuses a package not signed with the release key, even with a matching sha512', () => {
    const hex = sha512(goodDeb);
    const forged = run(goodDeb, hex, signatureFor(hex, otherKey.privateKey));
    expect(forged.status).toBe(2);
    expect(forged.stderr).toMatch(/bad signature/);
    // A genuine signature, but for another file.
    expect(run(goodDeb, hex, signatureFor('0'.repeat(128))).stderr).toMatch(/bad signature/);
    expect(run(goodDeb, hex, 'not-a-signature').stderr).toMatch(/base64 Ed25519/);
  });

  it('refuses everything when no signing key is installed', () => {
    const hex = sha512(goodDeb);
    const result = spawnSync(helper, ['--dry-run', goodDeb, hex, signatureFor(hex)], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/no update signing key installed/);
  });

  it('refuses another architecture', () => {
    const other = hostArch === 'arm64' ? 'amd64' : 'arm64';
    const deb = buildDeb('foreign', 'cunban', other);
    const result = run(deb, sha512(deb));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/wrong architecture/);
  });

  it('refuses something that is not a Debian package', () => {
    const fake = join(dir, 'fake.deb');
    writeFileSync(fake, 'not an ar archive');
    expect(run(fake, sha512(fake)).stderr).toMatch(/not a Debian package/);
  });

  it('refuses relative paths, parent references, odd characters, symlinks and non-.deb names', () => {
    const deb = goodDeb;
    const hash = sha512(deb);
    const link = join(dir, 'link.deb');
    symlinkSync(deb, link);
    const bad = [
      'paths.deb',
      `${dir}/../${dir.split('/').pop()}/good.deb`,
      `${dir}/good.deb;reboot`,
      `${dir}/go od.deb`,
      `${dir}/good.deb\n/etc/shadow`,
      deb.replace(/\.deb$/, '.tar'),
      link,
    ];
    for (const path of bad) {
      const result = run(path, hash);
      expect(result.status, path).toBe(2);
    }
    expect(run(deb, 'not-hex', signatureFor(hash)).stderr).toMatch(/sha512 must be/);
    expect(spawnSync(helper, ['--dry-run', '--pubkey', publicKeyFile, deb, hash]).status).toBe(2);
  });
});
