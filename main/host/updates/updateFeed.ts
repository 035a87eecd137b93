// Reads the county's update channel: electron-updater `generic` provider metadata
// (latest-linux.yml, latest-linux-arm64.yml, latest.yml) plus our rollout.json beside it.
import { load } from 'js-yaml';
import { z } from 'zod';
import { type Rollout, rolloutSchema } from './rollout';
import type { ArtifactRef } from './updateDownload';

export type PackageKind = 'deb' | 'AppImage' | 'nsis';
export interface UpdatePlatform {
  os: 'linux' | 'win';
  arch: 'x64' | 'arm64';
  /** How this kiosk was installed (electron-builder writes it to resources/package-type on Linux). */
  packageKind: PackageKind;
}

// YAML turns an unquoted 1.2 into a number; versions are always compared as text.
const versionText = z.union([z.string(), z.number()]).transform(String);
const fileEntry = z.object({
  url: z.string().min(1),
  sha512: z.string().min(1),
  size: z.number().int().positive(),
  // Our addition: Ed25519 release signature over the sha512 (scripts/release-update.ts --signing-key).
  signature: z.string().optional(),
});
export const updateInfoSchema = z.object({
  version: versionText,
  files: z.array(fileEntry).min(1),
  path: z.string().optional(),
  sha512: z.string().optional(),
  releaseDate: z.union([z.string(), z.date()]).transform((d) => (d instanceof Date ? d.toISOString() : d)),
});
export type UpdateInfo = z.infer<typeof updateInfoSchema>;

/** electron-updater's file naming: `${channel}.yml` on Windows, `-linux`, `-linux-arm64` suffixes on Linux. */
export function metadataFileName(channel: string, platform: Pick<UpdatePlatform, 'os' | 'arch'>): string {
  if (platform.os === 'win') return `${channel}.yml`;
  return platform.arch === 'arm64' ? `${channel}-linux-arm64.yml` : `${channel}-linux.yml`;
}

const extensionOf: Record<PackageKind, string> = { deb: '.deb', AppImage: '.AppImage', nsis: '.exe' };

export interface OfferedUpdate {
  version: string;
  releaseDate: string;
  artifact: ArtifactRef;
  rollout: Rollout | undefined;
}

export class UpdateFeedError extends Error {
  override name = 'UpdateFeedError';
}

/**
 * Picks the artifact for this kiosk's package kind. Its URL must stay on the feed's origin: the
 * metadata must not be able to send kiosks to another host.
 */
export function pickArtifact(info: UpdateInfo, metadataUrl: string, kind: PackageKind): ArtifactRef {
  const entry = info.files.find((f) =>
    decodeURIComponent(new URL(f.url, metadataUrl).pathname).endsWith(extensionOf[kind]),
  );
  if (!entry) throw new UpdateFeedError(`release ${info.version} has no ${kind} artifact`);
  const url = new URL(entry.url, metadataUrl);
  if (url.origin !== new URL(metadataUrl).origin)
    throw new UpdateFeedError(`artifact URL leaves the county feed: ${url}`);
  const fileName = decodeURIComponent(url.pathname.split('/').pop() ?? '');
  return {
    url: url.toString(),
    fileName,
    sha512: entry.sha512,
    size: entry.size,
    signature: entry.signature,
  };
}

async function fetchText(url: string, signal?: AbortSignal): Promise<string | undefined> {
  const response = await fetch(url, { cache: 'no-store', signal: signal ?? null });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new UpdateFeedError(`GET ${url} answered ${response.status}`);
  return response.text();
}

/** The update the county offers on `channel`, or undefined when the channel has no metadata yet. */
export async function fetchOfferedUpdate(
  feedUrl: string,
  channel: string,
  platform: UpdatePlatform,
  signal?: AbortSignal,
): Promise<OfferedUpdate | undefined> {
  const base = feedUrl.endsWith('/') ? feedUrl : `${feedUrl}/`;
  const metadataUrl = new URL(metadataFileName(channel, platform), base).toString();
  const yml = await fetchText(metadataUrl, signal);
  if (yml === undefined) return undefined;
  const parsed = updateInfoSchema.safeParse(load(yml));
  if (!parsed.success)
    throw new UpdateFeedError(`${metadataUrl} is not valid update metadata: ${parsed.error.message}`);
  const rolloutText = await fetchText(new URL('rollout.json', base).toString(), signal);
  let rollout: Rollout | undefined;
  if (rolloutText !== undefined) {
    const r = rolloutSchema.safeParse(JSON.parse(rolloutText));
    // A broken rollout file must stop the rollout, not open it to everyone.
    if (!r.success) throw new UpdateFeedError(`rollout.json is invalid: ${r.error.message}`);
    rollout = r.data;
  }
  return {
    version: parsed.data.version,
    releaseDate: parsed.data.releaseDate,
    artifact: pickArtifact(parsed.data, metadataUrl, platform.packageKind),
    rollout,
  };
}
