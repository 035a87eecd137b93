import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
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
