import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Path of Electron's binary, or the reason it cannot be used on this machine. */
export function locateElectron(): { path: string } | { reason: string } {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    if (typeof path !== 'string') return { reason: 'the electron package did not return a binary path' };
    if (!existsSync(path)) return { reason: `Electron's binary is missing at ${path}` };
    return { path };
  } catch (error) {
    return {
      reason: `Electron's binary is not installed (${(error as Error).message.split('\n')[0]}); it is downloaded from GitHub, which this machine cannot reach — the browser-host e2e suite covers the product here`,
    };
  }
}
