import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the kiosk keeps its state. Electron passes app.getPath('userData'); the browser host uses
 * the same platform convention so both hosts share one folder on a machine.
 */
export function defaultDataDir(env = process.env, platform = process.platform): string {
  if (env.CUNBAN_DATA_DIR) return env.CUNBAN_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'cunban');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'cunban');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'cunban');
}

export interface HostPaths {
  root: string;
  config: string;
  logs: string;
  exports: string;
  outbox: string;
  journal: string;
  printQueue: string;
  keys: string;
  /** Marker files for crash recovery (e.g. GPU crashed → no hardware acceleration next start). */
  state: string;
}

export function hostPaths(root: string): HostPaths {
  return {
    root,
    config: join(root, 'kiosk.json'),
    logs: join(root, 'logs'),
    exports: join(root, 'exports'),
    outbox: join(root, 'outbox'),
    journal: join(root, 'journal'),
    printQueue: join(root, 'print-queue'),
    keys: join(root, 'keys'),
    state: join(root, 'state'),
  };
}
