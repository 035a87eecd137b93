import { rm } from 'node:fs/promises';
import sharp from 'sharp';
import { DocumentScanner } from '../../../drivers/scanner/documentScanner';
import { type ScannerDevice, scannerState } from '../../../drivers/scanner/schemas';

export interface ScannerTestOptions {
  /** Scratch folder for scanimage's page file; emptied afterwards. */
  workDir: string;
  /** SANE_CONFIG_DIR for the test backend in the demo; the system's SANE otherwise. */
  env?: Record<string, string>;
  extraScanArgs?: string[];
  now?: () => number;
}

export interface ScanTestResult {
  ok: boolean;
  resultZh: string;
  page: { widthPx: number; heightPx: number; dpi: number; widthMm: number; heightMm: number } | null;
  ms: number;
}

const TEST_DPI = 100;
const MM_PER_INCH = 25.4;

export async function listSaneScanners(options: ScannerTestOptions): Promise<ScannerDevice[]> {
  return new DocumentScanner({ workDir: options.workDir, env: options.env }).listDevices();
}

/**
 * The console's scanner test: one flatbed page at a low resolution, measured and then thrown
 * away. It is not a villager's material, so it never goes to the outbox; the page size in
 * millimetres tells IT staff at a glance whether the whole bed was scanned.
 */
export async function testScanOnePage(
  deviceId: string,
  options: ScannerTestOptions,
): Promise<ScanTestResult> {
  const now = options.now ?? Date.now;
  const started = now();
  const scanner = new DocumentScanner({
    workDir: options.workDir,
    env: options.env,
    extraScanArgs: options.extraScanArgs,
  });
  let image: Buffer | undefined;
  try {
    const outcome = await scanner.scan(
      { deviceId, source: 'flatbed', resolution: TEST_DPI, mode: 'gray', maxPages: 1 },
      async (page) => {
        image ??= page.image;
      },
    );
    const ms = now() - started;
    if (outcome.status !== 'completed' || !image) {
      const why = scannerState(outcome.error ?? 'fault').messageZh;
      return { ok: false, resultZh: `扫描失败：${why}`, page: null, ms };
    }
    const meta = await sharp(image).metadata();
    if (!meta.width || !meta.height)
      return { ok: false, resultZh: '扫描仪送回的图像无法识别', page: null, ms };
    const mm = (px: number) => Math.round((px / TEST_DPI) * MM_PER_INCH);
    const page = {
      widthPx: meta.width,
      heightPx: meta.height,
      dpi: TEST_DPI,
      widthMm: mm(meta.width),
      heightMm: mm(meta.height),
    };
    return {
      ok: true,
      resultZh: `扫描正常：扫到一页，${page.widthMm} × ${page.heightMm} 毫米（${page.widthPx} × ${page.heightPx} 像素，${TEST_DPI} dpi），用时 ${(ms / 1000).toFixed(1)} 秒。`,
      page,
      ms,
    };
  } finally {
    image = undefined;
    await rm(options.workDir, { recursive: true, force: true }).catch(() => {});
  }
}
