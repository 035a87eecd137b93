import { describe, expect, it } from 'vitest';
import { type DeframeEvent, SamDeframer } from './samDeframer';
import { buildSamFrame } from './samFrame';
import { parseBaseInfo, parseResponse } from './samResponse';
import { SamResponseError } from './samStatus';
import { randomBytes, seededRandom } from './seededRandom';

const frames = (events: DeframeEvent[]) =>
  events.flatMap((e) => (e.kind === 'frame' ? [Array.from(e.frame.bytes)] : []));
const discarded = (events: DeframeEvent[], reason: string) =>
  events
    .filter((e) => e.kind === 'discarded' && e.reason === reason)
    .reduce((n, e) => n + (e.kind === 'discarded' ? e.bytes : 0), 0);

const status = buildSamFrame([0, 0, 0x90]);
const find = buildSamFrame([0, 0, 0x9f, 0, 0, 0, 0]);

describe('SamDeframer', () => {
  it('hunts past garbage and partial preambles', () => {
    const d = new SamDeframer();
    const ev = d.push(
      Uint8Array.from([0x00, 0xaa, 0xaa, 0x13, 0xaa, 0xaa, 0xaa, 0x96, 0x00, ...status, 0x42]),
    );
    expect(frames(ev)).toEqual([Array.from(status)]);
    expect(discarded(ev, 'garbage')).toBeGreaterThanOrEqual(9);
    expect(d.bufferedBytes).toBe(0);
  });

  it('keeps a preamble split across chunks', () => {
    const d = new SamDeframer();
    expect(frames(d.push(find.subarray(0, 3)))).toEqual([]);
    expect(frames(d.push(find.subarray(3, 6)))).toEqual([]);
    expect(frames(d.push(find.subarray(6)))).toEqual([Array.from(find)]);
  });

  it('rejects an absurd length at once instead of waiting for it', () => {
    const d = new SamDeframer();
    const ev = d.push(Uint8Array.from([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0xff, 0xff, ...status]));
    expect(discarded(ev, 'bad-length')).toBe(1);
    expect(frames(ev)).toEqual([Array.from(status)]);
    const tooShort = d.push(Uint8Array.from([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x01, ...find]));
    expect(frames(tooShort)).toEqual([Array.from(find)]);
  });

  it('drops a frame with a bad checksum and finds the next one', () => {
    const bad = status.slice();
    bad[bad.length - 1]! ^= 1;
    const ev = new SamDeframer().push(Uint8Array.from([...bad, ...find]));
    expect(discarded(ev, 'bad-checksum')).toBe(1);
    expect(frames(ev)).toEqual([Array.from(find)]);
  });

  it('gives up a truncated frame as soon as a complete frame follows it', () => {
    const big = buildSamFrame(new Uint8Array(1290).fill(7));
    const d = new SamDeframer();
    // First 100 bytes of a 1297-byte frame, then the line drops the rest; a status reply follows.
    const ev = d.push(Uint8Array.from([...big.subarray(0, 100), ...status]));
    expect(discarded(ev, 'truncated')).toBe(1);
    expect(frames(ev)).toEqual([Array.from(status)]);
  });

  it('flush drops a frame that never completes and finds frames behind it', () => {
    const d = new SamDeframer();
    const big = buildSamFrame(new Uint8Array(500));
    const partialFind = find.subarray(0, 8);
    expect(frames(d.push(Uint8Array.from([...big.subarray(0, 40), ...partialFind])))).toEqual([]);
    const ev = d.flush();
    expect(frames(ev)).toEqual([]);
    expect(discarded(ev, 'truncated')).toBeGreaterThan(0);
    expect(d.bufferedBytes).toBe(0);
    expect(frames(d.push(find))).toEqual([Array.from(find)]);
  });

  it('handles a large frame arriving in tiny chunks and many frames in one chunk', () => {
    const big = buildSamFrame(new Uint8Array(2316).map((_, i) => i & 0xff));
    const d = new SamDeframer();
    const got: number[][] = [];
    for (let i = 0; i < big.length; i += 3) got.push(...frames(d.push(big.subarray(i, i + 3))));
    expect(got).toEqual([Array.from(big)]);
    const many = new Uint8Array(find.length * 50);
    for (let i = 0; i < 50; i++) many.set(find, i * find.length);
    expect(frames(d.push(many))).toHaveLength(50);
  });
});

describe('SamDeframer under fuzz (seeded)', () => {
  const validFrame = (rand: () => number) => {
    const n = 3 + Math.floor(rand() * (rand() < 0.1 ? 2400 : 60));
    return buildSamFrame(randomBytes(rand, n));
  };

  it('random and mutated byte streams never throw, never grow without bound, and end empty', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const rand = seededRandom(seed);
      const d = new SamDeframer();
      const parts: Uint8Array[] = [];
      for (let k = 0; k < 30; k++) {
        const r = rand();
        if (r < 0.4) parts.push(randomBytes(rand, Math.floor(rand() * 40)));
        else {
          const f = validFrame(rand).slice();
          // Mutate: flip a byte, cut the frame short, or leave it whole.
          if (r < 0.6) f[Math.floor(rand() * f.length)]! ^= 1 + Math.floor(rand() * 255);
          parts.push(r < 0.75 ? f.subarray(0, Math.floor(rand() * f.length)) : f);
        }
      }
      const started = Date.now();
      for (const p of parts) {
        let i = 0;
        while (i < p.length) {
          const step = 1 + Math.floor(rand() * 64);
          d.push(p.subarray(i, i + step));
          expect(d.bufferedBytes).toBeLessThanOrEqual(2 * (7 + 0x0a00));
          i += step;
        }
      }
      d.flush();
      expect(d.bufferedBytes).toBe(0);
      expect(Date.now() - started).toBeLessThan(2_000);
    }
  });

  it('every valid frame embedded in noise is found, in order', () => {
    for (let seed = 1000; seed < 1300; seed++) {
      const rand = seededRandom(seed);
      const expected: number[][] = [];
      const stream: number[] = [];
      for (let k = 0; k < 12; k++) {
        const noise = randomBytes(rand, Math.floor(rand() * 50));
        // Noise sometimes carries fake preambles, even with a plausible length, to tempt the hunter.
        if (rand() < 0.3) noise.set([0xaa, 0xaa, 0xaa, 0x96, 0x69].slice(0, Math.min(5, noise.length)), 0);
        stream.push(...noise);
        if (rand() < 0.15) stream.push(0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x20, 1, 2, 3); // cut-short frame
        const f = validFrame(rand);
        expected.push(Array.from(f));
        stream.push(...f);
      }
      const d = new SamDeframer();
      const got: number[][] = [];
      const bytes = Uint8Array.from(stream);
      for (let i = 0; i < bytes.length; ) {
        const step = 1 + Math.floor(rand() * 200);
        got.push(...frames(d.push(bytes.subarray(i, i + step))));
        i += step;
      }
      got.push(...frames(d.flush()));
      // Noise can by chance form an extra valid frame; every real one must still be there in order.
      let j = 0;
      for (const g of got) if (j < expected.length && g.join() === expected[j]!.join()) j++;
      expect(j, `seed ${seed}`).toBe(expected.length);
    }
  });
});

describe('response parsing under fuzz (seeded)', () => {
  it('any frame the deframer yields parses or fails with a typed SamResponseError', () => {
    const rand = seededRandom(42);
    let frames = 0;
    let legal = 0;
    for (let i = 0; i < 2000; i++) {
      const body = randomBytes(rand, Math.floor(rand() * (rand() < 0.2 ? 2700 : 12)));
      // LEN = body + CHK must lie in 3..0x0A00 to be accepted at all.
      if (body.length + 1 >= 3 && body.length + 1 <= 0x0a00) legal++;
      if (body.length >= 7 && rand() < 0.5) body.set([1, 0, 4, 0], 3); // plausible base-info lengths
      for (const ev of new SamDeframer().push(buildSamFrame(body))) {
        if (ev.kind !== 'frame') continue;
        frames++;
        for (const fp of [false, true]) {
          try {
            parseBaseInfo(parseResponse(ev.frame).data, fp);
          } catch (err) {
            expect(err).toBeInstanceOf(SamResponseError);
          }
        }
      }
    }
    expect(frames).toBe(legal);
    expect(legal).toBeGreaterThan(1500);
  });
});
