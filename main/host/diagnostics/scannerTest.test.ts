import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSaneTestBackend, type SaneTestBackend } from '../../../drivers/scanner/saneTestBackend';
import { listSaneScanners, testScanOnePage } from './scannerTest';

// The real scanimage against SANE's test backend (a private SANE_CONFIG_DIR, no real scanners).
let sane: SaneTestBackend;
let root: string;
beforeAll(async () => {
  sane = await openSaneTestBackend(1);
  root = await mkdtemp(join(tmpdir(), 'cunban-scantest-'));
});
afterAll(async () => {
  await sane.close();
  await rm(root, { recursive: true, force: true });
});

describe('scanner test in the IT console', () => {
  it('lists the test scanner and scans one page, with its size in words, leaving no file', async () => {
    const workDir = join(root, 'work-ok');
    expect((await listSaneScanners({ workDir, env: sane.env })).map((d) => d.id)).toEqual(['test:0']);
    const result = await testScanOnePage('test:0', { workDir, env: sane.env });
    expect(result.ok).toBe(true);
    expect(result.page).toMatchObject({ dpi: 100 });
    expect(result.page!.widthPx).toBeGreaterThan(100);
    // 100 dpi: millimetres follow from pixels, and the words carry them.
    expect(result.page!.widthMm).toBe(Math.round((result.page!.widthPx / 100) * 25.4));
    expect(result.resultZh).toContain(`${result.page!.widthMm} × ${result.page!.heightMm} 毫米`);
    await expect(readdir(workDir)).rejects.toThrow(); // the scratch folder is gone
  });

  it('says in words when the scanner jams, and when the device does not exist', async () => {
    const jammed = await testScanOnePage('test:0', {
      workDir: join(root, 'work-jam'),
      env: sane.env,
      extraScanArgs: ['--read-return-value=SANE_STATUS_JAMMED'],
    });
    expect(jammed).toMatchObject({ ok: false, page: null });
    expect(jammed.resultZh).toContain('卡纸');

    const missing = await testScanOnePage('test:9', { workDir: join(root, 'work-missing'), env: sane.env });
    expect(missing.ok).toBe(false);
    expect(missing.resultZh).toMatch(/^扫描失败/);
  });
});
