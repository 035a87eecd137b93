import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBrowserHost } from '../main/browser/browserHost';
import { demoConfig } from '../main/host/config/loadConfig';
import { hostPaths } from '../main/host/paths';
import { keyFileDataKey } from '../main/host/secure/dataKey';
import { sealerFor } from '../main/host/secure/sealedBox';
import { saveDeviceCredentials } from '../main/host/syncService/deviceCredentials';
import { enrollForTest } from '../main/host/syncService/testing/enrolledCredentials';
import { startHarness } from '../sync/server/testing/gatewayHarness';

const h = await startHarness('pglite');
const dir = await mkdtemp(join(tmpdir(), 'bx-'));
const paths = hostPaths(dir);
await mkdir(paths.keys, { recursive: true, mode: 0o700 });
const c = await enrollForTest(h.db, h.url, '441881102201');
await saveDeviceCredentials(
  paths.keys,
  sealerFor(await keyFileDataKey(join(paths.keys, 'data.key')).getKey()),
  c,
);
const cfg = join(dir, 'config.json');
await writeFile(cfg, JSON.stringify({ ...demoConfig(), county: { url: h.url } }));
const handle = await runBrowserHost({
  demoCounty: false,
  open: false,
  port: 0,
  dataDir: dir,
  configFile: cfg,
  log: () => {},
});
await new Promise((r) => setTimeout(r, 1500));
await handle.stop();
for (const f of await readdir(paths.logs))
  console.log(
    (await readFile(join(paths.logs, f), 'utf8'))
      .split('\n')
      .filter((l) => /queue/.test(l))
      .join('\n'),
  );
await h.close();
process.exit(0);
