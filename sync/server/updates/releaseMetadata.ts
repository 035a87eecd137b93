// Writes electron-updater `generic` provider metadata for a release into the county's update folder:
// latest-linux.yml (x64), latest-linux-arm64.yml and latest.yml (Windows), each with version,
// files[{url, sha512 (base64), size}], path, sha512 and releaseDate.
// The artifacts are copied first, then rollout.json, and the yml files replaced last (write + rename), so a kiosk
// never reads metadata that names a file not yet complete.
import { createHash, type KeyObject } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { dump } from 'js-yaml';
import { signRelease } from './releaseSignature';
import { servableName } from './updateFileRules';

export type ArtifactOs = 'linux' | 'win';
export type ArtifactArch = 'x64' | 'arm64';
export type ArtifactKind = 'deb' | 'AppImage' | 'nsis';

export interface ClassifiedArtifact {
  os: ArtifactOs;
  arch: ArtifactArch;
  kind: ArtifactKind;
}

/** Tells platform, architecture and package kind from an electron-builder artifact name. */
export function classifyArtifact(fileName: string): ClassifiedArtifact | undefined {
  const archOf = (name: string): ArtifactArch | undefined => {
    if (/(^|[-_.])(arm64|aarch64)([-_.]|$)/.test(name)) return 'arm64';
    if (/(^|[-_.])(x64|amd64|x86_64)([-_.]|$)/.test(name)) return 'x64';
    return undefined;
  };
  if (fileName.endsWith('.exe')) return { os: 'win', arch: archOf(fileName) ?? 'x64', kind: 'nsis' };
  const arch = archOf(fileName);
  if (!arch) return undefined;
  if (fileName.endsWith('.deb')) return { os: 'linux', arch, kind: 'deb' };
  if (fileName.endsWith('.AppImage')) return { os: 'linux', arch, kind: 'AppImage' };
  return undefined;
}

/** The channel file a platform reads, as electron-updater names it. */
export function channelFileName(channel: string, os: ArtifactOs, arch: ArtifactArch): string {
  if (os === 'win') return `${channel}.yml`;
  return arch === 'arm64' ? `${channel}-linux-arm64.yml` : `${channel}-linux.yml`;
}

export interface FileEntry {
  url: string;
  sha512: string;
  size: number;
  /** Ed25519 signature (base64) over signatureStatement(sha512 hex); electron-updater ignores it. */
  signature?: string;
}

export interface UpdateInfoDocument {
  version: string;
  files: FileEntry[];
  path: string;
  sha512: string;
  releaseDate: string;
}

export async function sha512Base64(path: string): Promise<string> {
  const hash = createHash('sha512');
  await pipeline(createReadStream(path), hash);
  return hash.digest('base64');
}

export class ReleaseError extends Error {
  override name = 'ReleaseError';
}

export interface WriteReleaseInput {
  version: string;
  /** Paths of built artifacts (deb, AppImage, NSIS exe; .blockmap files are copied along). */
  artifacts: string[];
  outDir: string;
  channel?: string;
  releaseDate?: Date;
  /** Rollout document (validated by the caller) written to rollout.json before the yml files. */
  rollout?: Record<string, unknown>;
  /** Ed25519 release key; every artifact entry then carries a signature. */
  signingKey?: KeyObject;
}

export interface WrittenRelease {
  /** channel file name → its content */
  metadata: Map<string, UpdateInfoDocument>;
  copied: string[];
}

async function replaceFile(path: string, content: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, content, { mode: 0o644 });
  await rename(temporary, path);
}

export async function writeRelease(input: WriteReleaseInput): Promise<WrittenRelease> {
  const channel = input.channel ?? 'latest';
  if (!/^[a-z][a-z0-9-]*$/.test(channel)) throw new ReleaseError(`bad channel name: ${channel}`);
  if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(input.version)) {
    throw new ReleaseError(`version must be semantic (1.2.3 or 1.2.3-beta.1): ${input.version}`);
  }
  await mkdir(input.outDir, { recursive: true });
  const releaseDate = (input.releaseDate ?? new Date()).toISOString();
  const groups = new Map<string, { kind: ArtifactKind; entry: FileEntry }[]>();
  const copied: string[] = [];

  for (const source of input.artifacts) {
    const name = basename(source);
    if (!servableName.test(name))
      throw new ReleaseError(`artifact name must be plain ASCII (a-z, 0-9, . _ + -): ${name}`);
    if (name.endsWith('.blockmap')) {
      await copyFile(source, join(input.outDir, name));
      copied.push(name);
      continue;
    }
    const kind = classifyArtifact(name);
    if (!kind) throw new ReleaseError(`cannot tell platform and architecture of ${name}`);
    if (!name.includes(input.version))
      throw new ReleaseError(`${name} does not carry version ${input.version}`);
    const target = join(input.outDir, name);
    await copyFile(source, target);
    copied.push(name);
    // Hash the copy that will be served, not the source it came from.
    const sha512 = await sha512Base64(target);
    const entry: FileEntry = { url: name, sha512, size: (await stat(target)).size };
    if (input.signingKey) entry.signature = signRelease(sha512, input.signingKey);
    const file = channelFileName(channel, kind.os, kind.arch);
    groups.set(file, [...(groups.get(file) ?? []), { kind: kind.kind, entry }]);
  }
  if (groups.size === 0) throw new ReleaseError('no deb, AppImage or exe artifact given');

  const metadata = new Map<string, UpdateInfoDocument>();
  for (const [file, entries] of groups) {
    // AppImage first: electron-updater's legacy top-level path/sha512 describe files[0], which
    // older AppImage updaters read; DebUpdater and NsisUpdater pick their file by extension.
    const order: ArtifactKind[] = ['AppImage', 'deb', 'nsis'];
    const files = entries.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind)).map((e) => e.entry);
    const first = files[0] as FileEntry;
    metadata.set(file, { version: input.version, files, path: first.url, sha512: first.sha512, releaseDate });
  }
  if (input.rollout)
    await replaceFile(join(input.outDir, 'rollout.json'), `${JSON.stringify(input.rollout, null, 2)}\n`);
  for (const [file, doc] of metadata) {
    await replaceFile(
      join(input.outDir, file),
      dump(doc, { lineWidth: -1, quotingType: "'", forceQuotes: false }),
    );
  }
  return { metadata, copied };
}
