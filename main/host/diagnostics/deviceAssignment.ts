import { readFile } from 'node:fs/promises';
import type { DeviceRole } from '../../../contract/diagnostics';
import type { KioskConfig, KioskConfigInput } from '../config/kioskConfig';
import { parseConfig } from '../config/loadConfig';
import { writeFileAtomic } from '../secure/atomicFile';

type DevicesInput = NonNullable<KioskConfigInput['devices']>;

export class AssignmentError extends Error {
  override readonly name = 'AssignmentError';
}

/**
 * Writes one device into kiosk.json for the next start. The base is the file on disk when there
 * is one (it may already be the production config enrollment wrote, newer than what runs), else
 * the running config. The result goes through the same parser the host loads it with, so a
 * production file can never receive a simulator and a written file can never fail the next start;
 * the write is atomic and 0600 like enrollment's.
 */
export async function assignDevice<R extends DeviceRole>(options: {
  configFile: string;
  running: KioskConfig;
  role: R;
  device: NonNullable<DevicesInput[R]>;
}): Promise<KioskConfig> {
  const base = await readBase(options.configFile, options.running);
  const current = base.devices[options.role];
  // A receipt printer keeps its paper width: the probe cannot see how wide the roll is.
  const device =
    options.role === 'receiptPrinter' && 'paperWidthMm' in current
      ? { paperWidthMm: current.paperWidthMm, ...options.device }
      : options.device;
  if ((device as { transport: string }).transport === 'simulated')
    throw new AssignmentError('a simulated device cannot be assigned from detection');
  const input: KioskConfigInput = { ...base, devices: { ...base.devices, [options.role]: device } };
  const next = parseConfig(JSON.stringify(input), options.configFile);
  await writeFileAtomic(options.configFile, Buffer.from(`${JSON.stringify(next, null, 2)}\n`), 0o600);
  return next;
}

async function readBase(file: string, running: KioskConfig): Promise<KioskConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return running;
    throw error;
  }
  return parseConfig(text, file);
}
