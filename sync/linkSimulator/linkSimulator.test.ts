import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LinkSimulator, startLinkSimulator } from './linkSimulator';

/** A tiny county stand-in: GET /bytes/N answers N bytes, GET /slow answers after 2 s. */
let origin: Server;
let target: { host: string; port: number };

beforeAll(async () => {
  origin = createServer((req, res) => {
    const n = Number(/^\/bytes\/(\d+)$/.exec(req.url ?? '')?.[1] ?? -1);
    if (n >= 0) {
      res.writeHead(200, { 'content-length': n });
      res.end(Buffer.alloc(n, 7));
      return;
    }
    if (req.url === '/slow') {
      setTimeout(() => res.end('late'), 2000);
      return;
    }
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
    });
    req.on('end', () => res.end(String(size)));
  });
  await new Promise<void>((r) => origin.listen(0, '127.0.0.1', r));
  target = { host: '127.0.0.1', port: (origin.address() as AddressInfo).port };
});
afterAll(async () => {
  origin.closeAllConnections();
  await new Promise((r) => origin.close(r));
});

async function withLink<T>(
  options: Partial<ConstructorParameters<typeof LinkSimulator>[0]>,
  run: (link: LinkSimulator) => Promise<T>,
) {
  const link = await startLinkSimulator({ target, ...options });
  try {
    return await run(link);
  } finally {
    await link.stop();
  }
}

describe('link simulator', () => {
  it('adds latency each way and caps bandwidth, counting the bytes it carried', async () => {
    await withLink({ latencyMs: 100, bytesPerSecond: 200_000 }, async (link) => {
      const started = performance.now();
      const res = await fetch(`${link.url}/bytes/100000`);
      const body = Buffer.from(await res.arrayBuffer());
      const elapsed = performance.now() - started;
      expect(body.length).toBe(100_000);
      // ≥ 2 × 100 ms latency (request + response) + 100 KB ÷ 200 KB/s = 0.7 s.
      expect(elapsed).toBeGreaterThan(650);
      expect(elapsed).toBeLessThan(4000);
      expect(link.stats.bytesDown).toBeGreaterThan(100_000);
      expect(link.stats.bytesUp).toBeGreaterThan(30);
    });
  });

  it('cuts a response mid-body so the client sees a broken transfer', async () => {
    await withLink({}, async (link) => {
      link.cutNextResponseAfter(5000);
      const error = await fetch(`${link.url}/bytes/50000`)
        .then((r) => r.arrayBuffer())
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(Error);
      const ok = await fetch(`${link.url}/bytes/50000`).then((r) => r.arrayBuffer());
      expect(ok.byteLength).toBe(50_000);
    });
  });

  it('answers a burst of 503s and then forwards again', async () => {
    await withLink({}, async (link) => {
      link.failNextConnections(2);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${link.url}/bytes/10`);
        await res.arrayBuffer();
        statuses.push(res.status);
      }
      expect(statuses).toEqual([503, 503, 200]);
    });
  });

  it('drops open connections on demand and on a period', async () => {
    await withLink({}, async (link) => {
      const pending = fetch(`${link.url}/slow`).then(
        (r) => r.text(),
        (e: unknown) => e,
      );
      await new Promise((r) => setTimeout(r, 200));
      link.drop();
      expect(await pending).toBeInstanceOf(Error);
      link.setDropEvery(300);
      const periodic = await fetch(`${link.url}/slow`).then(
        (r) => r.text(),
        (e: unknown) => e,
      );
      expect(periodic).toBeInstanceOf(Error);
      expect(link.stats.drops).toBeGreaterThanOrEqual(2);
    });
  });
});
