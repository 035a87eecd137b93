import { randomBytes } from 'node:crypto';
import { readFile, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { ContractHost } from '../../contract/contractHost';
import { kioskConfigSchema } from '../../main/host/config/kioskConfig';
import { sampleDraft } from '../../main/host/journal/testing/sampleDraft';
import { FileLog } from '../../main/host/logging/logger';
import { hostPaths } from '../../main/host/paths';
import { keyFileDataKey } from '../../main/host/secure/dataKey';
import { ServiceManager } from '../../main/host/serviceManager';
import { QueueService } from '../../main/host/syncService/queueService';

/**
 * The kiosk host for the chaos bench, as a child process the bench SIGKILLs and restarts.
 * Submits `count` applications (one or two pages of 20–80 KB), one every `paceMs`, through the
 * contract (`queue.submit`), printing `RECEIPT <id>` only after the journal append returned —
 * the moment a real kiosk prints the receipt — or `REFUSED <reason>`. Then waits until the
 * journal is drained and prints `DRAINED`. On start it prints `RECOVERED <pending>`: what the
 * journal still held from the killed run, which it drains with no help.
 *
 * Full disk without filling a real disk: the queue's disk guard takes an injected statfs. While
 * the file `<dataDir>.disk` exists it holds the free megabytes to report (the bench writes the
 * guard threshold minus one), otherwise the real statfs answers.
 *
 * argv: <dataDir> <countyUrl> <count> <paceMs>
 */
const [dataDir, countyUrl, countText, paceText] = process.argv.slice(2);
if (!dataDir || !countyUrl || !countText || !paceText)
  throw new Error('usage: chaosHostChild <dataDir> <countyUrl> <count> <paceMs>');
const paths = hostPaths(dataDir);
const log = new FileLog({ dir: paths.logs }).logger('chaos');
const contract = new ContractHost();
const diskFlag = `${dataDir}.disk`;
const service = new QueueService({
  host: {
    contract,
    services: new ServiceManager(log),
    config: kioskConfigSchema.parse({ county: { url: countyUrl } }),
  },
  paths,
  keys: keyFileDataKey(join(paths.keys, 'data.key')),
  log,
  statfs: async (path) => {
    const forced = await readFile(diskFlag, 'utf8').catch(() => null);
    if (forced === null) return statfs(path);
    return { bavail: Number(forced) * 256, bsize: 4096 };
  },
  journal: { compactAfterAcks: 5 },
  drain: { idleMs: 200, backoffBaseMs: 200, backoffCapMs: 1500 },
});
await service.start();
process.stdout.write(`RECOVERED ${service.journal!.pending().length}\n`);
for (let i = 0; i < Number(countText); i++) {
  const pages = [];
  for (let p = 0; p < 1 + (i % 2); p++) {
    const bytes = randomBytes(20_000 + Math.floor(Math.random() * 60_000));
    pages.push(await service.outbox!.put(bytes, { kind: 'page', mime: 'image/jpeg' }));
  }
  const draft = sampleDraft(
    pages.map((page, n) => ({
      materialId: `m${n}`,
      sha256: page.sha256,
      size: page.size,
      contentType: 'image/jpeg' as const,
      credibility: 'scanned' as const,
    })),
  );
  const res = await contract.dispatch({ kind: 'request', id: i, name: 'queue.submit', input: draft });
  const output = res.ok ? (res.output as { ok: boolean; reason?: string; document?: { id: string } }) : null;
  if (output?.ok) process.stdout.write(`RECEIPT ${output.document!.id}\n`);
  else process.stdout.write(`REFUSED ${output?.reason ?? JSON.stringify(res).slice(0, 200)}\n`);
  await new Promise((r) => setTimeout(r, Number(paceText)));
}
process.stdout.write('SUBMITTED\n');
while (service.journal!.pending().length > 0) await new Promise((r) => setTimeout(r, 100));
process.stdout.write('DRAINED\n');
await service.stop();
process.exit(0);
