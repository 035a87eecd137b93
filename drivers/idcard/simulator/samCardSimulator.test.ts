import { describe, expect, it } from 'vitest';
import { encodeCommand, SamCommands, setBaudCommand } from '../samCommands';
import { buildSamFrame } from '../samFrame';
import { SamCardSimulator } from './samCardSimulator';

const hex = (s: string) => Uint8Array.from(s.split(' '), (h) => Number.parseInt(h, 16));
const sw3 = (sim: SamCardSimulator, request: Uint8Array) => sim.receive(request).map((r) => r.bytes[9]);

describe('SamCardSimulator (reader behaviour, reference §12)', () => {
  it('answers the published status, find and select exchanges', () => {
    const sim = new SamCardSimulator();
    expect([...sim.receive(hex('AA AA AA 96 69 00 03 11 FF ED'))[0]!.bytes]).toEqual([
      ...hex('AA AA AA 96 69 00 04 00 00 90 94'),
    ]);
    expect([...sim.receive(hex('AA AA AA 96 69 00 03 20 01 22'))[0]!.bytes]).toEqual([
      ...hex('AA AA AA 96 69 00 04 00 00 80 84'),
    ]);
    sim.placeCard('li-xiuying');
    expect([...sim.receive(hex('AA AA AA 96 69 00 03 20 01 22'))[0]!.bytes]).toEqual([
      ...hex('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97'),
    ]);
    expect([...sim.receive(hex('AA AA AA 96 69 00 03 20 02 21'))[0]!.bytes]).toEqual([
      ...hex('AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C'),
    ]);
  });

  it('reads once per presentation: find fails until the card is taken away', () => {
    const sim = new SamCardSimulator();
    sim.placeCard('li-xiuying');
    expect(sw3(sim, encodeCommand(SamCommands.find))).toEqual([0x9f]);
    expect(sw3(sim, encodeCommand(SamCommands.select))).toEqual([0x90]);
    const read = sim.receive(encodeCommand(SamCommands.readBase))[0]!;
    expect(read.bytes.length).toBe(1295);
    expect(sw3(sim, encodeCommand(SamCommands.find))).toEqual([0x80]);
    expect(sw3(sim, encodeCommand(SamCommands.select))).toEqual([0x90]); // still lying there
    sim.removeCard();
    expect(sw3(sim, encodeCommand(SamCommands.select))).toEqual([0x81]);
    sim.placeCard('li-xiuying');
    expect(sw3(sim, encodeCommand(SamCommands.find))).toEqual([0x9f]);
    expect(sim.readsServed).toBe(1);
  });

  it('answers the fingerprint read with 2321 bytes, or LEN 0x050A without fingerprint data', () => {
    const sim = new SamCardSimulator();
    for (const [id, total] of [
      ['li-xiuying', 2321],
      ['wang-jianguo', 1297],
    ] as const) {
      sim.placeCard(id);
      sim.receive(encodeCommand(SamCommands.find));
      sim.receive(encodeCommand(SamCommands.select));
      expect(sim.receive(encodeCommand(SamCommands.readBaseWithFingerprint))[0]!.bytes.length).toBe(total);
    }
  });

  it('is strict like a real SAM: bad checksum 0x10, bad length 0x11, unknown command 0x21, select without find 0x81', () => {
    const sim = new SamCardSimulator();
    sim.placeCard('li-xiuying');
    // The public libusb test's find with the wrong checksum 21.
    expect(sw3(sim, hex('AA AA AA 96 69 00 03 20 01 21'))).toEqual([0x10]);
    expect(sw3(sim, hex('AA AA AA 96 69 00 01 20'))).toEqual([0x11]);
    expect(sw3(sim, buildSamFrame([0x77, 0x01]))).toEqual([0x21]);
    expect(sw3(sim, encodeCommand(SamCommands.select))).toEqual([0x81]);
    expect(sw3(sim, encodeCommand(SamCommands.readAppendedAddress))).toEqual([0x41]);
  });

  it('appended address: 0x90 with 70 bytes, or 0x91 when the card has none', () => {
    const sim = new SamCardSimulator();
    for (const [id, expected] of [
      ['wang-jianguo', 0x90],
      ['li-xiuying', 0x91],
    ] as const) {
      sim.placeCard(id);
      sim.receive(encodeCommand(SamCommands.find));
      sim.receive(encodeCommand(SamCommands.select));
      sim.receive(encodeCommand(SamCommands.readBase));
      const r = sim.receive(encodeCommand(SamCommands.readAppendedAddress))[0]!;
      expect(r.bytes[9]).toBe(expected);
      if (expected === 0x90) expect(r.bytes.length).toBe(11 + 70);
    }
  });

  it('injects SAM faults until cleared, and set-baud switches the line afterwards', () => {
    const sim = new SamCardSimulator();
    sim.injectFault('sam-unauthorised');
    expect(sw3(sim, encodeCommand(SamCommands.status))).toEqual([0x66]);
    expect(sw3(sim, encodeCommand(SamCommands.find))).toEqual([0x66]);
    sim.clearFaults();
    sim.injectFault('sam-self-test');
    expect(sw3(sim, encodeCommand(SamCommands.status))).toEqual([0x60]);
    sim.clearFaults();
    const r = sim.receive(encodeCommand(setBaudCommand(9600)))[0]!;
    expect(r.bytes[9]).toBe(0x90);
    expect(r.baudAfter).toBe(9600);
  });

  it('line faults: timeout drops the reply, bad checksum corrupts it, garbage precedes it', () => {
    const sim = new SamCardSimulator();
    sim.injectFault('timeout');
    expect(sim.receive(encodeCommand(SamCommands.status))).toEqual([]);
    sim.injectFault('bad-checksum');
    const bad = sim.receive(encodeCommand(SamCommands.status))[0]!.bytes;
    expect(bad[bad.length - 1]).not.toBe(0x94);
    sim.injectFault('garbage');
    const noisy = sim.receive(encodeCommand(SamCommands.status))[0]!.bytes;
    expect(noisy.length).toBeGreaterThan(11);
    expect([...noisy.subarray(-11)]).toEqual([...hex('AA AA AA 96 69 00 04 00 00 90 94')]);
  });
});
