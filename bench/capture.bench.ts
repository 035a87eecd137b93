import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { DocumentScanner } from '../drivers/scanner/documentScanner';
import { openSaneTestBackend } from '../drivers/scanner/saneTestBackend';
import { CaptureService } from '../main/host/capture/captureService';
import { openOutbox } from '../main/host/capture/outbox';
import { encodePage } from '../main/host/capture/pageEncoder';
import { renderHouseholdPage } from '../main/host/capture/testing/samplePage';
import { keyFileDataKey } from '../main/host/secure/dataKey';
import type { BenchFigure, BenchSuite } from './figure';

/**
 * Capture (issue 5): how long a villager waits from the scanner finishing a page to that page
 * being a durable, encrypted JPEG in the outbox, and how many bytes an A4 page costs the link.
 * Scanner: the real scanimage with the SANE test backend at 200 dpi (its bed is 200×200 mm, so
 * its pages are slightly smaller than A4). Bytes: a synthetic A4 household register at 200 dpi,
 * since the test backend's patterns are not documents.
 */
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

const silent = { info() {}, warn() {}, error() {} };
const TARGET_BYTES = 250_000;

const suite: BenchSuite = {
  title: 'Capture: scanned page to stored JPEG',
  issue: 5,
  async run(): Promise<BenchFigure[]> {
    const sane = await openSaneTestBackend(1);
    const dir = await mkdtemp(join(tmpdir(), 'cunban-bench-capture-'));
    try {
      const keys = keyFileDataKey(join(dir, 'data.key'));
      const pictures: Array<{ picture: string; mode: 'gray' | 'color' }> = [
        { picture: 'Color pattern', mode: 'gray' },
        { picture: 'Grid', mode: 'gray' },
        { picture: 'Color pattern', mode: 'color' },
      ];
      const storeMs: number[] = [];
      const scanBytes: number[] = [];
      const plainEncodeMs: number[] = [];
      const rounds = 2;
      for (let round = 0; round < rounds; round++) {
        for (const [i, { picture, mode }] of pictures.entries()) {
          // A fresh outbox per scan: identical test pages would otherwise be de-duplicated and
          // skip the write, flattering the figure.
          const outbox = await openOutbox(join(dir, `outbox-${round}-${i}`), keys);
          const scanner = new DocumentScanner({
            workDir: join(dir, 'spool'),
            env: sane.env,
            extraScanArgs: [`--test-picture=${picture}`],
          });
          const service = new CaptureService({ outbox, scanner, logger: silent });
          let rawPage: Buffer | undefined;
          scanner.on('page', (p) => {
            rawPage = p.image;
          });
          service.on('page-stored', (p) => {
            storeMs.push(p.storeMs);
            scanBytes.push(p.size);
          });
          const { outcome } = await service.scanPages(
            { material: 'other' },
            { source: 'flatbed', resolution: 200, mode },
          );
          if (outcome.status !== 'completed') throw new Error(`bench scan failed: ${outcome.error}`);
          // Reference: one plain decode + JPEG encode of the same page, no search, no storage.
          const t = performance.now();
          await sharp(rawPage!).jpeg({ quality: 85 }).toBuffer();
          plainEncodeMs.push(performance.now() - t);
        }
      }

      const a4Sizes: Record<string, number> = {};
      const a4 = await renderHouseholdPage(200);
      for (const colour of ['grey', 'colour'] as const) {
        a4Sizes[colour] = (await encodePage(a4, { sourceDpi: 200, colour })).jpeg.length;
      }
      const worstA4 = Math.max(a4Sizes.grey!, a4Sizes.colour!);
      const storeMedian = median(storeMs);
      const encodeMedian = median(plainEncodeMs);
      return [
        {
          name: 'last scanned page → stored encrypted JPEG (median per page)',
          value: Math.round(storeMedian),
          unit: 'ms',
          reference: {
            name: 'one plain JPEG q85 encode of the same page',
            value: Math.round(encodeMedian),
            unit: 'ms',
          },
          ratio: Number((storeMedian / encodeMedian).toFixed(2)),
          target: '≤ 10× one plain encode (quality search of ≤ 5 encodes + thumbnail + AES-GCM + fsync)',
          pass: storeMedian / encodeMedian <= 10,
          note: `${storeMs.length} pages, scanimage test backend 200 dpi, 200×200 mm, grey and colour; absolute median ${Math.round(storeMedian)} ms`,
        },
        {
          name: 'bytes per A4 page at 200 dpi (household register, worst of grey/colour)',
          value: worstA4,
          unit: 'bytes',
          reference: { name: 'size target', value: TARGET_BYTES, unit: 'bytes' },
          ratio: Number((worstA4 / TARGET_BYTES).toFixed(3)),
          target: '< 250 000 bytes',
          pass: worstA4 < TARGET_BYTES,
          note: `grey ${a4Sizes.grey} B, colour ${a4Sizes.colour} B`,
        },
        {
          name: 'bytes per scanned test-backend page at 200 dpi (median)',
          value: median(scanBytes),
          unit: 'bytes',
          target: '< 250 000 bytes',
          pass: Math.max(...scanBytes) < TARGET_BYTES,
          note: `max ${Math.max(...scanBytes)} B; synthetic patterns are harder to compress than paper`,
        },
      ];
    } finally {
      await sane.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
};

export default suite;
