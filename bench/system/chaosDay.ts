import type { Page } from 'playwright-core';
import type { LinkSimulator } from '../../sync/linkSimulator/linkSimulator';
import { type ChildGateway, startChildGateway } from '../../sync/server/testing/childGateway';
import { sleep } from './freePort';
import type { KioskProcess } from './kioskSupervisor';
import { runScreenSession, type SessionStep, waitForAttract } from './screenSession';
import type { SmallDisk } from './smallDisk';
import { runSession } from './villagerSession';

/**
 * The combined chaos run of issue 11: a browser-host kiosk (real Chromium page, simulated
 * devices) first takes a backlog offline — the week without a link — then the link comes back
 * and, while that backlog drains, villagers keep coming through the screens and every fault is
 * thrown at it once: SIGKILL of the kiosk host (restarted by the bench as systemd would), SIGKILL
 * of the county gateway (restarted likewise), the link cut, the disk filled to the guard
 * threshold, the reader and the printer unplugged. Moments and order come from the seed.
 *
 * After each fault nobody touches the kiosk: it must show the attract screen by itself within
 * ATTRACT_BOUND_MS — a villager who walks away leaves it to the idle timeout, a killed host comes
 * back with a fresh page. Everything done and seen goes into `events`.
 */
export const FAULTS = ['host-kill', 'gateway-kill', 'link-cut', 'disk-full', 'devices-unplug'] as const;
export type Fault = (typeof FAULTS)[number];

export const ATTRACT_BOUND_MS = 60_000;

export interface ChaosDayWorld {
  kiosk: KioskProcess;
  link: LinkSimulator;
  gatewayArgs: string[];
  gatewayEnv: NodeJS.ProcessEnv;
  gatewayPort: number;
  deadPort: number;
  disk: SmallDisk;
  minFreeMegabytes: number;
  division: string;
  random: () => number;
}

export interface Recovery {
  fault: Fault;
  ok: boolean;
  seconds: number;
}

export interface ChaosDayOutcome {
  events: string[];
  /** Tracking numbers of every receipt the kiosk showed. */
  receipts: Set<string>;
  backlog: number;
  screenSessions: number;
  recoveries: Recovery[];
  hostKills: number;
  diskRefusal: string | null;
  devicesBack: { reader: boolean; printer: boolean } | null;
  drained: boolean;
  gateway: ChildGateway;
}

type Api = <T>(page: Page, name: string, input?: unknown) => Promise<T>;
const api: Api = (page, name, input = {}) =>
  page.evaluate(
    ([n, i]) =>
      (
        window as unknown as { kioskApi: { request(n: string, i: unknown): Promise<never> } }
      ).kioskApi.request(n as string, i),
    [name, input] as const,
  );

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await sleep(250);
  }
  return false;
}

export async function runChaosDay(
  world: ChaosDayWorld,
  backlog: number,
  sessionsBetweenFaults: number,
): Promise<ChaosDayOutcome> {
  const t0 = performance.now();
  const events: string[] = [];
  const say = (what: string) => events.push(`${((performance.now() - t0) / 1000).toFixed(1)} s  ${what}`);
  const receipts = new Set<string>();
  const recoveries: Recovery[] = [];
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(world.random() * xs.length)]!;
  const between = (lo: number, hi: number) => lo + world.random() * (hi - lo);
  let gateway = await startChildGateway(world.gatewayArgs, world.gatewayEnv);
  let hostKills = 0;
  let screenSessions = 0;
  let diskRefusal: string | null = null;
  let devicesBack: ChaosDayOutcome['devicesBack'] = null;
  const kiosk = world.kiosk;

  const fullSession = async (label: string) => {
    const result = await runScreenSession(await kiosk.page(), { onReceipt: (t) => receipts.add(t) });
    screenSessions++;
    say(`${label}: session through the screens → receipt ${result.tracking} (${result.printOutcome})`);
  };
  /** Nobody touches the kiosk now: it must be back on the attract screen by itself. */
  const expectAttract = async (fault: Fault, since: number) => {
    const ok = await kiosk
      .page(ATTRACT_BOUND_MS)
      .then((page) => waitForAttract(page, Math.max(1, ATTRACT_BOUND_MS - (performance.now() - since))))
      .then(
        () => true,
        () => false,
      );
    const seconds = (performance.now() - since) / 1000;
    recoveries.push({ fault, ok, seconds });
    say(
      ok
        ? `  attract screen by itself ${seconds.toFixed(1)} s after the fault (no clicks)`
        : `  NOT on the attract screen within ${ATTRACT_BOUND_MS / 1000} s:\n${kiosk.tail()}`,
    );
  };
  /** A villager gets as far as `step` and walks away; returns when the fault may land. */
  const walkAway = async (step: SessionStep) => {
    await runScreenSession(await kiosk.page(), { stopAfter: step });
    say(`  villager reached ${step} and walked away`);
  };
  const steps: SessionStep[] = ['home', 'form', 'materials', 'review'];

  const faults: Record<Fault, () => Promise<void>> = {
    async 'host-kill'() {
      // At a random moment inside a session, not between steps.
      const session = runScreenSession(await kiosk.page(), { onReceipt: (t) => receipts.add(t) }).catch(
        () => null,
      );
      await sleep(between(1_000, 14_000));
      const at = performance.now();
      await kiosk.kill();
      hostKills++;
      say(`SIGKILL kiosk host mid-session (the bench restarts it after 2 s, as systemd would)`);
      await session;
      await expectAttract('host-kill', at);
    },
    async 'gateway-kill'() {
      await walkAway(pick(steps));
      const at = performance.now();
      gateway.process.kill('SIGKILL');
      await new Promise((r) => gateway.process.once('exit', r));
      say('SIGKILL county gateway');
      await sleep(between(500, 2_000));
      gateway = await startChildGateway(world.gatewayArgs, world.gatewayEnv);
      say('  gateway restarted on the same port (county side supervisor)');
      await expectAttract('gateway-kill', at);
    },
    async 'link-cut'() {
      await walkAway(pick(steps));
      const at = performance.now();
      world.link.setTarget({ host: '127.0.0.1', port: world.deadPort });
      world.link.drop();
      say('link cut: connections dropped, county unreachable for 3 s');
      await sleep(3_000);
      world.link.setTarget({ host: '127.0.0.1', port: world.gatewayPort });
      say('  link back');
      await expectAttract('link-cut', at);
    },
    async 'disk-full'() {
      if (!world.disk.mounted) {
        say(`disk fill NOT run: ${world.disk.why}`);
        return;
      }
      const left = await world.disk.fillTo(world.minFreeMegabytes - 1);
      say(
        `disk filled: ${left.toFixed(1)} MB free on the kiosk's data disk (guard ${world.minFreeMegabytes} MB)`,
      );
      const page = await kiosk.page();
      const result = await runScreenSession(page, {
        stopAfter: 'receipt',
        onReceipt: (t) => receipts.add(t),
      });
      diskRefusal = result.refusal ?? null;
      say(
        result.refusal
          ? `  submit refused on screen: «${result.refusal.trim()}»`
          : `  submit NOT refused: receipt ${result.tracking}`,
      );
      const at = performance.now();
      await world.disk.free();
      say('  disk freed; the villager walks away');
      await expectAttract('disk-full', at);
    },
    async 'devices-unplug'() {
      await walkAway(pick(['home', 'form'] as const));
      const at = performance.now();
      const page = await kiosk.page();
      await api(page, 'demo.idcard.unplug');
      await api(page, 'demo.printer.unplug');
      say('reader and printer unplugged');
      await expectAttract('devices-unplug', at);
      await api(await kiosk.page(), 'demo.idcard.replug');
      await api(await kiosk.page(), 'demo.printer.replug');
      const reader = await until(
        async () => (await api<{ status: string }>(await kiosk.page(), 'idcard.state')).status === 'ready',
        30_000,
      );
      const printer = await until(
        async () =>
          (await api<{ printer: { canPrint: boolean } }>(await kiosk.page(), 'printer.state')).printer
            .canPrint,
        30_000,
      );
      devicesBack = { reader, printer };
      say(`  replugged: reader ${reader ? 'ready' : 'NOT back'}, printer ${printer ? 'ready' : 'NOT back'}`);
    },
  };

  try {
    return await script();
  } catch (error) {
    // Say where the day broke: the steps so far and what the kiosk showed.
    const shot = await kiosk
      .page(5_000)
      .then((p) => p.textContent('main'))
      .catch(() => 'no page');
    gateway.process.kill('SIGKILL');
    throw new Error(
      `${(error as Error).message.split('\n')[0]}\n  after:\n    ${events.join('\n    ')}\n  screen: ${shot?.slice(0, 300)}`,
    );
  }

  async function script(): Promise<ChaosDayOutcome> {
    // The week offline: the link is down while the backlog is taken.
    world.link.setTarget({ host: '127.0.0.1', port: world.deadPort });
    world.link.drop();
    const page = await kiosk.page();
    await waitForAttract(page, 60_000);
    const { fixtures } = await api<{ fixtures: Array<{ id: string; label: string }> }>(
      page,
      'demo.idcard.fixtures',
    );
    // Ordinary villagers only: the other demo cards are faults (expired, bad check digit, a bank card).
    const cards = fixtures.filter((f) => !/过期|错误|未知|不是|外国|港澳/.test(f.label));
    for (let i = 0; i < backlog; i++) {
      const r = await runSession(page, cards[i % cards.length]!.id, world.division);
      receipts.add(r.tracking);
    }
    say(`link down: ${backlog} applications taken offline (contract-driven, 1 page each), receipts printed`);
    // The demo cards of the backlog opened a session on screen; it times out like any other.
    await waitForAttract(page, ATTRACT_BOUND_MS);
    world.link.setTarget({ host: '127.0.0.1', port: world.gatewayPort });
    say('link back (2 Mbit/s, 100 ms): the backlog drains while the day goes on');

    // Fisher–Yates with the seeded generator: the same seed gives the same day.
    const order: Fault[] = [...FAULTS, 'host-kill'];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(world.random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const fault of order) {
      for (let s = 0; s < sessionsBetweenFaults; s++) await fullSession('villager');
      await faults[fault]();
    }
    await fullSession('after the last fault');

    const drained = await until(async () => {
      const s = await api<{ queuedDocuments: number; queuedFiles: number }>(
        await kiosk.page(),
        'queue.status',
      );
      return s.queuedDocuments === 0 && s.queuedFiles === 0;
    }, 180_000);
    say(drained ? 'kiosk queue drained by itself' : 'kiosk queue NOT drained within 180 s');
    return {
      events,
      receipts,
      backlog,
      screenSessions,
      recoveries,
      hostKills,
      diskRefusal,
      devicesBack,
      drained,
      gateway,
    };
  }
}
