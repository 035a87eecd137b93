import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openPtyPair, type PtyPair } from './ptyPair';

function openPort(path: string): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate: 115200 }, (err) => (err ? reject(err) : resolve(port)));
  });
}

describe('openPtyPair', () => {
  let pair: PtyPair | undefined;
  afterEach(async () => pair?.close());

  it('carries bytes both ways through the real serialport binding', async () => {
    pair = await openPtyPair();
    const host = await openPort(pair.hostPath);
    const device = await openPort(pair.devicePath);
    const received = new Promise<Buffer>((r) => device.once('data', r));
    host.write(Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69]));
    expect([...(await received)]).toEqual([0xaa, 0xaa, 0xaa, 0x96, 0x69]);
    await new Promise((r) => host.close(r));
    await new Promise((r) => device.close(r));
  });

  it('unplug makes the host port fail and replug brings the path back', async () => {
    pair = await openPtyPair();
    await pair.unplug();
    await expect(openPort(pair.hostPath)).rejects.toThrow();
    await pair.replug();
    const host = await openPort(pair.hostPath);
    expect(host.isOpen).toBe(true);
    await new Promise((r) => host.close(r));
  });
});

describe('openPtyPair when its owner dies', () => {
  it('takes socat down with a SIGKILLed owner process', async () => {
    const owner = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import('${ptyModule}').then(async (m) => { const p = await m.openPtyPair(); console.log(p.hostPath); setInterval(() => {}, 1000); })`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const hostPath = await new Promise<string>((resolve, reject) => {
      owner.stdout.once('data', (d: Buffer) => resolve(d.toString().trim()));
      owner.once('exit', (code) => reject(new Error(`owner exited early (${code})`)));
    });
    expect(socatsLinkedTo(hostPath)).toHaveLength(1);
    owner.kill('SIGKILL');
    await vi.waitFor(() => expect(socatsLinkedTo(hostPath)).toEqual([]), { timeout: 5_000, interval: 50 });
  });
});

const ptyModule = new URL('./ptyPair.ts', import.meta.url).href;

/** Live socat processes whose command line names this link (zombies have an empty cmdline). */
function socatsLinkedTo(link: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (cmd[0]?.endsWith('socat') && cmd.some((a) => a.includes(`link=${link}`))) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}
