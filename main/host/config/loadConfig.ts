import { readFile } from 'node:fs/promises';
import { describeZodError } from '../../../contract/define';
import { type KioskConfig, kioskConfigSchema } from './kioskConfig';

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`kiosk config ${file}: ${message}`);
    this.name = 'ConfigError';
  }
}

/** The demo profile: what an unprovisioned kiosk runs, with every peripheral simulated. */
export function demoConfig(): KioskConfig {
  return kioskConfigSchema.parse({
    profile: 'demo',
    site: {
      name: '演示站点（模拟）',
      divisionCode: '441881102201',
      siteCode: 'DEMO01',
      townPhone: '0763-0000000',
    },
    devices: {
      idCardReader: { transport: 'simulated' },
      receiptPrinter: { transport: 'simulated', paperWidthMm: 80 },
      barcodeScanner: { transport: 'simulated' },
      documentScanner: { transport: 'simulated' },
    },
  });
}

export function parseConfig(text: string, file: string): KioskConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, `not valid JSON (${(error as Error).message})`);
  }
  const parsed = kioskConfigSchema.safeParse(json);
  if (!parsed.success) throw new ConfigError(file, describeZodError(parsed.error));
  const config = parsed.data;
  if (config.profile === 'production') {
    const simulated = Object.entries(config.devices).filter(
      ([, d]) => d && typeof d === 'object' && 'transport' in d && d.transport === 'simulated',
    );
    if (simulated.length) {
      throw new ConfigError(
        file,
        `devices.${simulated.map(([k]) => k).join(', devices.')}: simulated devices are only allowed in the demo profile`,
      );
    }
    if (!config.site) throw new ConfigError(file, 'site: a production kiosk needs its site (enrol it first)');
    if (!config.county)
      throw new ConfigError(file, 'county: a production kiosk needs the county gateway URL');
  }
  return config;
}

/**
 * Loads the kiosk config. No file means "not provisioned yet" and gives the demo profile; a file
 * that exists but is wrong (or a file named explicitly that is missing) is an error naming the key,
 * never a silent fallback to simulators.
 */
export async function loadConfig(
  file: string | undefined,
  { required = false } = {},
): Promise<{ config: KioskConfig; source: string }> {
  if (!file) return { config: demoConfig(), source: 'demo (no config file)' };
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !required)
      return { config: demoConfig(), source: `demo (${file} not found)` };
    throw new ConfigError(file, (error as Error).message);
  }
  return { config: parseConfig(text, file), source: file };
}
