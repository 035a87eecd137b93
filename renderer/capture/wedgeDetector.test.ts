import { describe, expect, it } from 'vitest';
import { WedgeDetector } from './wedgeDetector';

type Step = { key: string; gap: number };

/**
 * Replays a timed key sequence the way the DOM wiring does: runs `expire()` whenever a
 * deadline passes before the next key, and builds what the focused field would contain.
 */
function replay(detector: WedgeDetector, steps: Step[]) {
  let now = 1_000;
  let field = '';
  const scans: string[] = [];
  const apply = (release?: string) => {
    if (release) field += release;
  };
  for (const { key, gap } of steps) {
    const deadline = detector.deadline;
    if (deadline !== undefined && deadline <= now + gap) apply(detector.expire(deadline));
    now += gap;
    const d = detector.onKey(key, now);
    apply(d.release);
    if (d.scan) scans.push(d.scan);
    if (!d.preventDefault && [...key].length === 1) field += key;
    if (!d.preventDefault && key === 'Enter') field += '⏎';
  }
  const deadline = detector.deadline;
  if (deadline !== undefined) apply(detector.expire(deadline));
  return { field, scans };
}

const typed = (text: string, gap: number, end?: string): Step[] => [
  ...[...text].map((key) => ({ key, gap })),
  ...(end ? [{ key: end, gap }] : []),
];

describe('WedgeDetector', () => {
  it('keeps a fast scan ending in Enter out of the focused field', () => {
    const { field, scans } = replay(new WedgeDetector(), typed('CB20261129000123', 4, 'Enter'));
    expect(scans).toEqual(['CB20261129000123']);
    expect(field).toBe('');
  });

  it('lets slow human typing through unchanged, including Enter', () => {
    const { field, scans } = replay(new WedgeDetector(), typed('13800138000', 180, 'Enter'));
    expect(scans).toEqual([]);
    expect(field).toBe('13800138000⏎');
  });

  it('recognises a scan with Shift keys for capitals and a Tab terminator', () => {
    const steps: Step[] = [
      { key: 'Shift', gap: 3 },
      { key: 'A', gap: 3 },
      ...typed('bc12345', 5),
      { key: 'Tab', gap: 5 },
    ];
    expect(replay(new WedgeDetector(), steps)).toEqual({ field: '', scans: ['Abc12345'] });
  });

  it('treats a short fast burst (a fast typist’s "ok⏎") as typing', () => {
    expect(replay(new WedgeDetector(), typed('ok', 20, 'Enter'))).toEqual({ field: 'ok⏎', scans: [] });
  });

  it('rejects a burst whose average pace is too slow even if every gap is under the limit', () => {
    // 45 ms per key: under the 50 ms gap limit, over the 30 ms average.
    expect(replay(new WedgeDetector(), typed('12345678', 45, 'Enter'))).toEqual({
      field: '12345678⏎',
      scans: [],
    });
  });

  it('separates typing that is followed immediately by a scan, keeping the typed part in order', () => {
    const steps = [...typed('张', 200), { key: 'X', gap: 400 }, ...typed('YZ987654', 3, 'Enter')];
    expect(replay(new WedgeDetector(), steps)).toEqual({ field: '张', scans: ['XYZ987654'] });
  });

  it('releases a fast burst without terminator when it stops (e.g. a pasted-like flurry)', () => {
    const d = new WedgeDetector();
    expect(d.onKey('a', 0).preventDefault).toBe(true);
    expect(d.onKey('b', 5).preventDefault).toBe(true);
    expect(d.deadline).toBe(55);
    expect(d.expire(30)).toBeUndefined();
    expect(d.expire(60)).toBe('ab');
    expect(d.deadline).toBeUndefined();
  });

  it('honours configured thresholds', () => {
    const strict = new WedgeDetector({ minLength: 10, terminators: ['Enter'] });
    expect(replay(strict, typed('123456', 3, 'Enter'))).toEqual({ field: '123456⏎', scans: [] });
    const tabIsTyping = replay(strict, typed('1234567890', 3, 'Tab'));
    expect(tabIsTyping.scans).toEqual([]);
  });
});
