import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./chaosHostChild.ts', import.meta.url));

/** One run of the kiosk host child: what it receipted and refused before it ended or was killed. */
export interface HostRun {
  proc: ChildProcess;
  receipts: string[];
  refusals: string[];
  /** Journal entries the host found pending when it came back (it drains them by itself). */
  recovered: Promise<number>;
  drained: Promise<void>;
  exited: Promise<number | null>;
  tail(): string;
}

export function startHost(dataDir: string, countyUrl: string, count: number, paceMs: number): HostRun {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', CHILD, dataDir, countyUrl, String(count), String(paceMs)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const receipts: string[] = [];
  const refusals: string[] = [];
  const lines: string[] = [];
  let onRecovered!: (n: number) => void;
  let onDrained!: () => void;
  const recovered = new Promise<number>((r) => {
    onRecovered = r;
  });
  const drained = new Promise<void>((r) => {
    onDrained = r;
  });
  let buffer = '';
  proc.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      lines.push(line);
      if (line.startsWith('RECOVERED ')) onRecovered(Number(line.slice(10)));
      else if (line.startsWith('RECEIPT ')) receipts.push(line.slice(8));
      else if (line.startsWith('REFUSED ')) refusals.push(line.slice(8));
      else if (line === 'DRAINED') onDrained();
    }
  });
  proc.stderr!.on('data', (chunk: Buffer) => lines.push(`stderr: ${chunk.toString().trim()}`));
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  return { proc, receipts, refusals, recovered, drained, exited, tail: () => lines.slice(-10).join('\n') };
}
