import { rm, writeFile } from 'node:fs/promises';
import type { LinkSimulator } from '../../sync/linkSimulator/linkSimulator';
import type { Database } from '../../sync/server/database';
import { type ChildGateway, startChildGateway } from '../../sync/server/testing/childGateway';
import { sleep } from './freePort';
import { type HostRun, startHost } from './hostProcess';

/**
 * The scripted chaos run: while a kiosk host child submits and drains through the village link,
 * the host and the gateway are SIGKILLed at seeded random moments and restarted, the link is cut,
 * and the disk is "filled" to the guard threshold. Everything it does goes into `events`.
 */
export interface ChaosWorld {
  dataDir: string;
  link: LinkSimulator;
  gatewayArgs: string[];
  gatewayEnv: NodeJS.ProcessEnv;
  gatewayPort: number;
  deadPort: number;
  db: Database;
  deviceId: string;
  minFreeMegabytes: number;
  random: () => number;
}

export interface ChaosOutcome {
  events: string[];
  receipts: Set<string>;
  refusals: number;
  hostKills: number;
  gatewayKills: number;
  /** Times a fault was followed by the kiosk making progress again with no help. */
  recoveries: number;
  /** The last host child reached DRAINED on its own within the time allowed. */
  drained: boolean;
  gateway: ChildGateway;
}

export async function runChaos(
  world: ChaosWorld,
  applications: number,
  paceMs: number,
): Promise<ChaosOutcome> {
  const t0 = performance.now();
  const events: string[] = [];
  const say = (what: string) => events.push(`${((performance.now() - t0) / 1000).toFixed(1)} s  ${what}`);
  const receipts = new Set<string>();
  let refusals = 0;
  let hostKills = 0;
  let gatewayKills = 0;
  let recoveries = 0;
  const between = (lo: number, hi: number) => lo + world.random() * (hi - lo);
  let gateway = await startChildGateway(world.gatewayArgs, world.gatewayEnv);
  let host: HostRun;
  let current: HostRun | undefined; // the same run, readable from the catch below

  const collect = (run: HostRun) => {
    for (const id of run.receipts) receipts.add(id);
    refusals += run.refusals.length;
  };
  const launch = async () => {
    const remaining = Math.max(0, applications - receipts.size - refusals);
    host = startHost(world.dataDir, world.link.url, remaining, paceMs);
    current = host;
    const pending = await host.recovered;
    say(`host up, ${pending} journaled applications pending from before, ${remaining} still to take`);
  };
  const countyCount = async () =>
    Number(
      (
        await world.db.query<{ n: string }>(
          "SELECT count(*) AS n FROM documents WHERE collection = 'applications' AND body->>'deviceId' = $1 AND (body->>'filesComplete')::boolean",
          [world.deviceId],
        )
      ).rows[0]!.n,
    );
  /** Waits until the county gains a complete application (or already holds every receipt). */
  const progress = async (what: string) => {
    const before = await countyCount();
    const start = performance.now();
    while (performance.now() - start < 60_000) {
      const now = await countyCount();
      if (now > before || now >= receipts.size + host.receipts.length) {
        recoveries++;
        say(
          `  recovered by itself after ${what}: county complete applications ${before} → ${now} in ${((performance.now() - start) / 1000).toFixed(1)} s`,
        );
        return;
      }
      await sleep(200);
    }
    say(`  NOT recovered within 60 s after ${what}`);
  };
  const killHost = async () => {
    host.proc.kill('SIGKILL');
    await host.exited;
    hostKills++;
    collect(host);
    say(`SIGKILL kiosk host (${host.receipts.length} receipts in that run)`);
    await launch();
    recoveries++; // the host came back and found its journal by itself
  };

  // A failed step must not leave a host or gateway child running after the bench.
  const script = async (): Promise<ChaosOutcome> => {
    await launch();
    await sleep(between(800, 2500));
    await killHost();

    await sleep(between(200, 1000));
    await writeFile(`${world.dataDir}.disk`, String(world.minFreeMegabytes - 1));
    const refusedBefore = host!.refusals.length;
    say(
      `disk filled to the guard threshold (${world.minFreeMegabytes - 1} MB free, guard ${world.minFreeMegabytes} MB)`,
    );
    await sleep(1500);
    await rm(`${world.dataDir}.disk`, { force: true });
    say(
      `disk freed; ${host!.refusals.length - refusedBefore} submissions refused meanwhile (${[...new Set(host!.refusals)].join(', ') || 'none'})`,
    );

    await sleep(between(500, 2000));
    say('link cut: connections dropped, county unreachable for 3 s');
    world.link.setTarget({ host: '127.0.0.1', port: world.deadPort });
    world.link.drop();
    await sleep(3000);
    world.link.setTarget({ host: '127.0.0.1', port: world.gatewayPort });
    say('link back');
    await progress('the link cut');

    await sleep(between(300, 1500));
    gateway.process.kill('SIGKILL');
    await new Promise((r) => gateway.process.once('exit', r));
    gatewayKills++;
    say('SIGKILL county gateway');
    await sleep(between(500, 2000));
    gateway = await startChildGateway(world.gatewayArgs, world.gatewayEnv);
    say('gateway restarted on the same port');
    await progress('the gateway kill');

    await sleep(between(300, 1500));
    await killHost();

    const finished = await Promise.race([host!.drained.then(() => true), sleep(180_000).then(() => false)]);
    if (!finished) host!.proc.kill('SIGKILL');
    await host!.exited;
    collect(host!);
    say(
      finished ? 'host drained its journal by itself' : `host did NOT drain within 180 s:\n${host!.tail()}`,
    );
    return { events, receipts, refusals, hostKills, gatewayKills, recoveries, drained: finished, gateway };
  };
  try {
    return await script();
  } catch (error) {
    current?.proc.kill('SIGKILL');
    gateway.process.kill('SIGKILL');
    throw error;
  }
}
