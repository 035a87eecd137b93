import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { FileLog } from './logger';

/**
 * Bundles the last `days` of (already redacted) logs into one gzip file for IT staff to copy to a
 * USB stick or send to the county.
 */
export async function exportLogs(log: FileLog, exportDir: string, days: number, now = new Date()) {
  await mkdir(exportDir, { recursive: true, mode: 0o700 });
  const since = new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
  const files = log.files().filter((f) => f.day >= since);
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const target = join(exportDir, `cunban-logs-${stamp}.jsonl.gz`);
  const gzip = createGzip();
  const out = createWriteStream(target, { mode: 0o600 });
  const done = pipeline(gzip, out);
  for (const file of files) {
    await pipeline(createReadStream(join(log.dirPath, file.name)), gzip, { end: false });
  }
  gzip.end();
  await done;
  return { path: target, bytes: (await stat(target)).size, files: files.length };
}
