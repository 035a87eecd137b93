import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeviceKey, DeviceSigner, enrollDevice, GatewayClient } from '../client/index';
import { readSse } from '../client/sseReader';
import { type ChildGateway, runCli, startChildGateway } from './testing/childGateway';
import { makeApplication } from './testing/gatewayHarness';

async function enrollVia(url: string, code: string) {
  const key = await createDeviceKey();
  const enrollment = await enrollDevice(url, {
    code,
    alg: 'ES256',
    publicKey: key.publicJwk as never,
    appVersion: '0.1.0',
  });
  const signer = new DeviceSigner(key, enrollment.deviceId, enrollment.audience);
  return { enrollment, signer, sequence: 0, client: new GatewayClient(url, signer) };
}

function collect(child: ReturnType<typeof runCli>): Promise<string> {
  let out = '';
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  return new Promise((resolve) => child.on('exit', () => resolve(out)));
}

describe.runIf(process.env.DATABASE_URL)('two gateway processes on one PostgreSQL', () => {
  const schema = `t_scale_${randomBytes(4).toString('hex')}`;
  const env = { CUNBAN_DB_SCHEMA: schema, LOG_LEVEL: 'error' };
  let dirs: string[] = [];
  let nodeA: ChildGateway;
  let nodeB: ChildGateway;

  beforeAll(async () => {
    dirs = [await mkdtemp(path.join(tmpdir(), 'county-a-')), await mkdtemp(path.join(tmpdir(), 'county-b-'))];
    // Start A first so the migration and first-admin run once; B then finds them done.
    nodeA = await startChildGateway(['--port', '0', '--data', dirs[0]!], env);
    nodeB = await startChildGateway(['--port', '0', '--data', dirs[1]!], env);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([nodeA?.stop(), nodeB?.stop()]);
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('prints the first staff login once and answers /healthz', async () => {
    expect(nodeA.output()).toMatch(/first staff login: username "admin", password "[\w-]{10,}"/);
    expect(nodeB.output()).not.toMatch(/first staff login/);
    const health = (await (await fetch(`${nodeB.url}/healthz`)).json()) as { ok: boolean; database: string };
    expect(health).toEqual(expect.objectContaining({ ok: true, database: 'postgres' }));
  });

  it('a push through node A reaches a kiosk streaming from node B', async () => {
    // Both CLI runs at once (each is a tsx start-up); each asks its running node over loopback.
    const outputs = await Promise.all(
      [0, 1].map((i) =>
        collect(
          runCli(['enroll', '--data', dirs[i]!, '--division', '441625200001', '--site', '下蓝村'], env),
        ),
      ),
    );
    const [code1, code2] = outputs.map((o) => /enrollment code for .*: (\S{4}-\S{4}-\S{4})/.exec(o)?.[1]);
    expect(code1, outputs[0]).toBeDefined();
    expect(code2, outputs[1]).toBeDefined();
    const writer = await enrollVia(nodeA.url, code1!);
    const reader = await enrollVia(nodeB.url, code2!);
    const ctrl = new AbortController();
    const res = await fetch(await reader.client.streamUrl('applications'), { signal: ctrl.signal });
    const events = readSse(res.body!);
    expect(JSON.parse((await events.next()).value!)).toBe('RESYNC');
    const first = await reader.client.pull('applications', undefined, 100);
    const doc = makeApplication(writer);
    expect(await writer.client.push('applications', [{ newDocumentState: doc }])).toEqual([]);
    // NOTIFY from A's transaction → B's LISTEN connection → B's SSE client.
    expect(JSON.parse((await events.next()).value!)).toBe('RESYNC');
    const next = await reader.client.pull<Record<string, unknown>>('applications', first.checkpoint, 100);
    expect(next.documents.map((d) => d.id)).toEqual([doc.id]);
    ctrl.abort();
    await events.return(undefined);
  }, 120_000);
});
