import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The SANE `test` backend as the scanner simulator: a private SANE_CONFIG_DIR that loads only
 * `test`, so tests and the demo never touch real scanners or need root. Devices: test:0, test:1.
 * Its bed is at most 200 × 200 mm and its ADF runs empty after 10 pages (sane-test(5)).
 */
export interface SaneTestBackend {
  configDir: string;
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function openSaneTestBackend(devices = 2): Promise<SaneTestBackend> {
  const configDir = await mkdtemp(join(tmpdir(), 'cunban-sane-'));
  await writeFile(join(configDir, 'dll.conf'), 'test\n');
  await writeFile(join(configDir, 'test.conf'), `number_of_devices ${devices}\n`);
  return {
    configDir,
    env: { SANE_CONFIG_DIR: configDir },
    close: () => rm(configDir, { recursive: true, force: true }),
  };
}
