import { describe, expect, it } from 'vitest';
import { encodeCommand, SamCommands, setBaudCommand } from './samCommands';
import { SamDeframer } from './samDeframer';
import { buildSamFrame, xorChecksum } from './samFrame';
import { formatSamId, parseBaseInfo, parseResponse } from './samResponse';
import { SAM_STATUS_CODES, SamStatusError, samStatusInfo } from './samStatus';

const hex = (s: string) => Uint8Array.from(s.split(/\s+/).filter(Boolean), (h) => Number.parseInt(h, 16));

/** A read response exactly as reference §11 lays it out, with the checksum computed independently. */
function publishedReadResponse(withFingerprint: boolean): Uint8Array {
  const lenField = withFingerprint ? [0x09, 0x0a] : [0x05, 0x08];
  const lengths = withFingerprint ? [1, 0, 4, 0, 4, 0] : [1, 0, 4, 0];
  const payloadLen = 256 + 1024 + (withFingerprint ? 1024 : 0);
  const bytes = [0xaa, 0xaa, 0xaa, 0x96, 0x69, ...lenField, 0, 0, 0x90, ...lengths];
  for (let i = 0; i < payloadLen; i++) bytes.push((i * 7 + 3) & 0xff);
  let chk = 0;
  for (let i = 5; i < bytes.length; i++) chk ^= bytes[i]!;
  bytes.push(chk);
  return Uint8Array.from(bytes);
}

describe('SAM frame encoding (published examples, reference §11)', () => {
  it.each([
    [SamCommands.find, 'AA AA AA 96 69 00 03 20 01 22'],
    [SamCommands.select, 'AA AA AA 96 69 00 03 20 02 21'],
    [SamCommands.readBase, 'AA AA AA 96 69 00 03 30 01 32'],
    [SamCommands.readBaseWithFingerprint, 'AA AA AA 96 69 00 03 30 10 23'],
    [SamCommands.readAppendedAddress, 'AA AA AA 96 69 00 03 30 03 30'],
    [SamCommands.status, 'AA AA AA 96 69 00 03 11 FF ED'],
    [SamCommands.reset, 'AA AA AA 96 69 00 03 10 FF EC'],
    [SamCommands.samId, 'AA AA AA 96 69 00 03 12 FF EE'],
    [setBaudCommand(115200), 'AA AA AA 96 69 00 03 60 00 63'],
    [setBaudCommand(9600), 'AA AA AA 96 69 00 03 60 04 67'],
  ])('%s.name encodes to the published bytes', (command, expected) => {
    expect([...encodeCommand(command)]).toEqual([...hex(expected)]);
  });

  it('rejects a baud rate the SAM cannot do', () => {
    expect(() => setBaudCommand(14400)).toThrow(RangeError);
  });

  it('builds the published responses', () => {
    expect([...buildSamFrame([0, 0, 0x9f, 0, 0, 0, 0])]).toEqual([
      ...hex('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97'),
    ]);
    expect([...buildSamFrame([0, 0, 0x66])]).toEqual([...hex('AA AA AA 96 69 00 04 00 00 66 62')]);
    expect([...buildSamFrame([0, 0, 0x60])]).toEqual([...hex('AA AA AA 96 69 00 04 00 00 60 64')]);
  });

  it('deframes the published find-success reply and reads its status', () => {
    const events = new SamDeframer().push(hex('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97'));
    expect(events).toHaveLength(1);
    const ev = events[0]!;
    if (ev.kind !== 'frame') throw new Error('expected a frame');
    const r = parseResponse(ev.frame);
    expect(r.sw3).toBe(0x9f);
    expect([...r.data]).toEqual([0, 0, 0, 0]);
  });

  it.each([
    [false, 1295, 0x0508],
    [true, 2321, 0x090a],
  ])('deframes a %s-fingerprint read reply of %i bytes (LEN %i) delivered byte by byte', (fp, total, len) => {
    const frame = publishedReadResponse(fp);
    expect(frame.length).toBe(total);
    expect((frame[5]! << 8) | frame[6]!).toBe(len);
    const d = new SamDeframer();
    const frames = [];
    for (const b of frame) frames.push(...d.push(Uint8Array.of(b)).filter((e) => e.kind === 'frame'));
    expect(frames).toHaveLength(1);
    const f = frames[0]!;
    if (f.kind !== 'frame') throw new Error('expected a frame');
    const info = parseBaseInfo(parseResponse(f.frame).data, fp);
    expect(info.text.length).toBe(256);
    expect(info.wlt.length).toBe(1024);
    expect(info.fingerprintBytes).toBe(fp ? 1024 : 0);
    expect(info.text[0]).toBe(3);
    expect(Object.keys(info)).not.toContain('fingerprint');
  });

  it('rejects a base-info payload whose lengths overrun it', () => {
    expect(() => parseBaseInfo(Uint8Array.of(1, 0, 4, 0, 1, 2, 3), false)).toThrow(/announce/);
    expect(() => parseBaseInfo(Uint8Array.of(1, 0), false)).toThrow(/too short/);
    expect(() => parseBaseInfo(Uint8Array.of(0, 1, 0, 0), false)).toThrow(/implausible/);
  });

  it('formats the SAM id', () => {
    const data = Uint8Array.of(5, 0, 1, 0, 0x4e, 0x61, 0xbc, 0x00, 1, 0, 0, 0, 2, 0, 0, 0);
    expect(formatSamId(data)).toBe('05.01-12345678-0000000001-0000000002');
  });

  it('checksum covers LEN through the last body byte only', () => {
    const f = hex('AA AA AA 96 69 00 03 20 01 22');
    expect(xorChecksum(f, 5, f.length - 1)).toBe(0x22);
  });
});

describe('SW3 status table', () => {
  it('covers the complete public set with Chinese and English words', () => {
    for (const code of [
      0x90, 0x9f, 0x10, 0x11, 0x21, 0x23, 0x24, 0x31, 0x32, 0x33, 0x40, 0x41, 0x47, 0x60, 0x66, 0x80, 0x81,
      0x91, 0xff,
    ]) {
      expect(SAM_STATUS_CODES).toContain(code);
      const info = samStatusInfo(code);
      expect(info.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(info.en).toMatch(/[a-z]/);
    }
  });

  it('marks SAM faults for IT staff and gives unknown codes a typed answer', () => {
    expect(samStatusInfo(0x60).forIt).toBe(true);
    expect(samStatusInfo(0x66).forIt).toBe(true);
    expect(samStatusInfo(0x80).forIt).toBe(false);
    const err = new SamStatusError(0x42, 'read-base');
    expect(err.info.name).toBe('unknown-status');
    expect(err.message).toContain('0x42');
    expect(err.zh).toMatch(/读卡器/);
  });
});
