import type { ResolvedScanRequest, ScannerDevice, ScannerStatus } from './schemas';

/**
 * Pure translation between our scan requests and the `scanimage` command line / its stderr.
 * scanimage's messages are stable English strings from sane_strstatus(), so they are matched
 * here rather than guessed at in the device code.
 */

/** `-f` template: one device per line, fields separated by a tab (names may contain spaces). */
export const DEVICE_LIST_FORMAT = '%d\t%v\t%m\t%t%n';

export function parseDeviceList(stdout: string): ScannerDevice[] {
  return stdout
    .split('\n')
    .map((line) => line.split('\t'))
    .filter((fields) => fields.length === 4 && fields[0]!.length > 0)
    .map(([id, vendor, model, type]) => ({ id: id!, vendor: vendor!, model: model!, type: type! }));
}

/** Values of `--source` from `scanimage -A`, e.g. ['Flatbed', 'Automatic Document Feeder']. */
export function parseSourceOptions(helpText: string): string[] {
  const match = /^\s*--source\s+(.+?)\s+\[[^\]]*\]\s*$/m.exec(helpText);
  return match ? match[1]!.split('|').map((s) => s.trim()) : [];
}

/** Vendors name the feeder differently ("ADF", "ADF Front", "Automatic Document Feeder"). */
export function pickSource(sources: string[], want: 'flatbed' | 'adf'): string | undefined {
  const pattern = want === 'adf' ? /adf|feeder/i : /flatbed|platen/i;
  return (
    sources.find((s) => pattern.test(s) && !/duplex|back/i.test(s)) ?? sources.find((s) => pattern.test(s))
  );
}

const A4_MM = { x: 210, y: 297 };

export function buildScanArgs(
  request: ResolvedScanRequest,
  opts: { deviceId: string; batchPattern: string; sourceName?: string },
): string[] {
  const args = [
    `--device-name=${opts.deviceId}`,
    `--mode=${request.mode === 'color' ? 'Color' : 'Gray'}`,
    `--resolution=${request.resolution}`,
    // scanimage rounds these down to the bed size with a warning, which is what we want.
    '-x',
    String(A4_MM.x),
    '-y',
    String(A4_MM.y),
    '--format=tiff',
    `--batch=${opts.batchPattern}`,
    '--progress',
  ];
  if (opts.sourceName) args.push(`--source=${opts.sourceName}`);
  if (request.source === 'flatbed') args.push('--batch-count=1');
  else if (request.maxPages) args.push(`--batch-count=${request.maxPages}`);
  return args;
}

export type ScanimageEvent =
  | { type: 'page-start'; page: number }
  | { type: 'progress'; percent: number }
  | { type: 'page-done'; page: number }
  | { type: 'batch-end'; pages: number }
  | { type: 'feeder-empty' }
  | { type: 'error'; status: ScannerStatus; text: string };

const failures: Array<[RegExp, ScannerStatus]> = [
  [/open of device .* failed|no SANE devices found|Invalid argument/i, 'no-scanner'],
  [/Error during device I\/O|Device disconnected|Operation was cancelled by the device/i, 'disconnected'],
  [/feeder jammed/i, 'jammed'],
  [/cover is open/i, 'cover-open'],
  [/Device busy/i, 'busy'],
  [/Out of memory|Access to resource has been denied|Operation not supported/i, 'fault'],
];

/** One stderr line (split on CR as well as LF: progress uses CR). */
export function parseScanimageLine(line: string): ScanimageEvent | undefined {
  const text = line.trim();
  if (!text) return undefined;
  let m = /^Progress:\s*([\d.]+)%/.exec(text);
  if (m) return { type: 'progress', percent: Math.min(100, Number(m[1])) };
  m = /^Scanning page (\d+)/.exec(text);
  if (m) return { type: 'page-start', page: Number(m[1]) };
  m = /^Scanned page (\d+)\. \(scanner status = (\d+)\)/.exec(text);
  if (m) {
    // Status 5 is SANE_STATUS_EOF: the page ended normally; anything else was cut short.
    if (m[2] === '5') return { type: 'page-done', page: Number(m[1]) };
    return undefined; // the matching sane_read error line carries the reason
  }
  m = /^Batch terminated, (\d+) pages? scanned/.exec(text);
  if (m) return { type: 'batch-end', pages: Number(m[1]) };
  if (/Document feeder out of documents/i.test(text)) return { type: 'feeder-empty' };
  if (/^scanimage: rounded value/.test(text) || /^Scanning .* pages?, incrementing/.test(text))
    return undefined;
  for (const [pattern, status] of failures) if (pattern.test(text)) return { type: 'error', status, text };
  if (/^scanimage: /.test(text)) return { type: 'error', status: 'fault', text };
  return undefined;
}
