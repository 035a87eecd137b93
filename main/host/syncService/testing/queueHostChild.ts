import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ContractHost } from '../../../../contract/contractHost';
import { kioskConfigSchema } from '../../config/kioskConfig';
import { sampleDraft } from '../../journal/testing/sampleDraft';
import { FileLog } from '../../logging/logger';
import { hostPaths } from '../../paths';
import { keyFileDataKey } from '../../secure/dataKey';
import { ServiceManager } from '../../serviceManager';
import { QueueService } from '../queueService';

/**
 * A kiosk host as a child process for the power-cut test: starts the queue service on a data
 * folder, submits applications (each with one page) and prints `RECEIPT <id>` only after the
 * journal append returned — the moment a real kiosk prints the paper receipt. The parent kills
 * it with SIGKILL at random moments and restarts it.
 *
 * argv: <dataDir> <countyUrl> <count>
 */
const [dataDir, countyUrl, countText] = process.argv.slice(2);
if (!dataDir || !countyUrl || !countText)
  throw new Error('usage: queueHostChild <dataDir> <countyUrl> <count>');
const paths = hostPaths(dataDir);
const log = new FileLog({ dir: paths.logs }).logger('child');
const contract = new ContractHost();
const service = new QueueService({
  host: {
    contract,
    services: new ServiceManager(log),
    config: kioskConfigSchema.parse({ county: { url: countyUrl } }),
  },
  paths,
  keys: keyFileDataKey(join(paths.keys, 'data.key')),
  log,
  journal: { compactAfterAcks: 5 },
  drain: { idleMs: 200, backoffBaseMs: 100, backoffCapMs: 1000 },
});
await service.start();
process.stdout.write('READY\n');
for (let i = 0; i < Number(countText); i++) {
  const bytes = randomBytes(4000 + Math.floor(Math.random() * 20_000));
  const page = await service.outbox!.put(bytes, { kind: 'page', mime: 'image/jpeg' });
  const draft = sampleDraft([
    {
      materialId: 'hukou',
      sha256: page.sha256,
      size: page.size,
      contentType: 'image/jpeg',
      credibility: 'scanned',
    },
  ]);
  const res = await contract.dispatch({ kind: 'request', id: i, name: 'queue.submit', input: draft });
  if (res.ok && (res.output as { ok: boolean }).ok) {
    process.stdout.write(`RECEIPT ${(res.output as { document: { id: string } }).document.id}\n`);
  } else {
    process.stdout.write(`REFUSED ${JSON.stringify(res)}\n`);
  }
}
process.stdout.write('SUBMITTED\n');
while (service.journal!.pending().length > 0) await new Promise((r) => setTimeout(r, 100));
process.stdout.write('DRAINED\n');
await service.stop();
process.exit(0);
