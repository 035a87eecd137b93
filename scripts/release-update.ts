// release-update — fills the county gateway's update folder (served by sync/server/updates).
//
//   npx tsx scripts/release-update.ts publish --out /srv/cunban/updates --version 1.3.0 \
//       --signing-key /media/release-key/cunban-release.pem \
//       --percentage 10 --group pilot=100 --device KIOSK-ID  release/cunban-1.3.0-*.{deb,AppImage,exe}
//   npx tsx scripts/release-update.ts rollout --out /srv/cunban/updates --percentage 50 [--group g=N] [--resume]
//   npx tsx scripts/release-update.ts pause   --out /srv/cunban/updates
//   npx tsx scripts/release-update.ts status  --out /srv/cunban/updates
//
// publish copies the artifacts, writes rollout.json, then latest-linux.yml / latest-linux-arm64.yml /
// latest.yml (electron-updater generic provider metadata). See docs/packaging.md.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { load } from 'js-yaml';
import { type Rollout, rolloutSchema } from '../main/host/updates/rollout';
import { writeRelease } from '../sync/server/updates/releaseMetadata';
import { loadSigningKey } from '../sync/server/updates/releaseSignature';

const usage = `usage:
  release-update publish --out DIR --version X.Y.Z --signing-key KEY.pem [--channel latest]
                         [--percentage 0-100] [--group NAME=PERCENT]... [--device ID]... [--salt TEXT]
                         ARTIFACT...        (--unsigned instead of --signing-key for test channels)
  release-update rollout --out DIR [--percentage 0-100] [--group NAME=PERCENT]... [--device ID]... [--resume]
  release-update pause   --out DIR
  release-update status  --out DIR [--channel latest]`;

const options = {
  out: { type: 'string' },
  version: { type: 'string' },
  channel: { type: 'string', default: 'latest' },
  percentage: { type: 'string' },
  group: { type: 'string', multiple: true },
  device: { type: 'string', multiple: true },
  salt: { type: 'string' },
  'signing-key': { type: 'string' },
  unsigned: { type: 'boolean', default: false },
  resume: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export class UsageError extends Error {
  override name = 'UsageError';
}

function percentOf(text: string, what: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 100) {
    throw new UsageError(`${what} must be a number from 0 to 100, got "${text}"`);
  }
  return value;
}

function groupsOf(entries: string[] | undefined): Record<string, number> {
  const groups: Record<string, number> = {};
  for (const entry of entries ?? []) {
    const m = /^([^=\s]+)=(.+)$/.exec(entry);
    if (!m) throw new UsageError(`--group takes NAME=PERCENT, got "${entry}"`);
    groups[m[1] as string] = percentOf(m[2] as string, `--group ${m[1]}`);
  }
  return groups;
}

async function readRollout(out: string): Promise<Rollout> {
  const text = await readFile(join(out, 'rollout.json'), 'utf8').catch(() => {
    throw new UsageError(`${out} has no rollout.json: publish a release first`);
  });
  return rolloutSchema.parse(JSON.parse(text));
}

const writeRollout = (out: string, rollout: Rollout) =>
  writeFile(join(out, 'rollout.json'), `${JSON.stringify(rollout, null, 2)}\n`, { mode: 0o644 });

function describeRollout(r: Rollout): string {
  const groups = Object.entries(r.groups)
    .map(([g, p]) => `${g}=${p}%`)
    .join(', ');
  return `rollout of ${r.version}: ${r.paused ? 'PAUSED' : `${r.percentage}%`}${groups ? `; groups ${groups}` : ''}${
    r.devices.length ? `; ${r.devices.length} listed device(s)` : ''
  }`;
}

/** Runs one CLI command; `print` receives the lines meant for the terminal. */
export async function runReleaseUpdate(
  argv: string[],
  print: (line: string) => void = console.log,
): Promise<void> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  if (values.help || !command) {
    print(usage);
    return;
  }
  const out = values.out;
  if (!out) throw new UsageError('--out DIR is required');

  switch (command) {
    case 'publish': {
      if (!values.version) throw new UsageError('--version is required');
      if (positionals.length === 0)
        throw new UsageError('give the built artifacts (deb, AppImage, exe) to publish');
      // deb kiosks refuse unsigned releases, so forgetting the key must be a deliberate choice.
      const keyFile = values['signing-key'];
      if (!keyFile && !values.unsigned) {
        throw new UsageError('--signing-key KEY.pem is required (or --unsigned for a test channel)');
      }
      const signingKey = keyFile ? loadSigningKey(await readFile(keyFile, 'utf8')) : undefined;
      // Validated with the same schema the kiosks use, so a typo cannot open or break a rollout.
      const rollout = rolloutSchema.parse({
        version: values.version,
        percentage: values.percentage === undefined ? 0 : percentOf(values.percentage, '--percentage'),
        groups: groupsOf(values.group),
        devices: values.device ?? [],
        ...(values.salt ? { salt: values.salt } : {}),
      });
      const written = await writeRelease({
        version: values.version,
        artifacts: positionals,
        outDir: out,
        channel: values.channel,
        rollout,
        signingKey,
      });
      for (const [file, doc] of written.metadata) {
        print(`${file}: ${doc.version} — ${doc.files.map((f) => `${f.url} (${f.size} bytes)`).join(', ')}`);
      }
      print(describeRollout(rollout));
      print(signingKey ? 'signed with the release key' : 'UNSIGNED: deb kiosks will refuse this release');
      return;
    }
    case 'rollout': {
      const current = await readRollout(out);
      const next = rolloutSchema.parse({
        ...current,
        ...(values.percentage === undefined
          ? {}
          : { percentage: percentOf(values.percentage, '--percentage') }),
        groups: { ...current.groups, ...groupsOf(values.group) },
        devices: [...new Set([...current.devices, ...(values.device ?? [])])],
        paused: values.resume ? false : current.paused,
      });
      await writeRollout(out, next);
      print(describeRollout(next));
      return;
    }
    case 'pause': {
      const next = { ...(await readRollout(out)), paused: true };
      await writeRollout(out, next);
      print(describeRollout(next));
      return;
    }
    case 'status': {
      for (const file of [
        `${values.channel}-linux.yml`,
        `${values.channel}-linux-arm64.yml`,
        `${values.channel}.yml`,
      ]) {
        const text = await readFile(join(out, file), 'utf8').catch(() => undefined);
        const doc =
          text === undefined ? undefined : (load(text) as { version?: string; releaseDate?: string });
        print(`${file}: ${doc ? `${doc.version} (released ${doc.releaseDate})` : 'none'}`);
      }
      print(describeRollout(await readRollout(out)));
      return;
    }
    default:
      throw new UsageError(`unknown command "${command}"\n${usage}`);
  }
}

/** The command-line behaviour: runs argv, reports errors on stderr, returns the exit code. */
export async function cliMain(
  argv: string[],
  print: (line: string) => void = console.log,
  printError: (line: string) => void = console.error,
): Promise<number> {
  try {
    await runReleaseUpdate(argv, print);
    return 0;
  } catch (error) {
    printError(`release-update: ${error instanceof Error ? error.message : String(error)}`);
    return error instanceof UsageError ? 64 : 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await cliMain(process.argv.slice(2));
}
