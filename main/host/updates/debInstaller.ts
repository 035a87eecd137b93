// Installer for deb-installed kiosks. The kiosk user cannot run dpkg; the package ships a root
// helper (/usr/lib/cunban/cunban-install-update) that polkit lets the `cunban` group run through
// pkexec. The helper re-checks the sha512, the release signature, package name, architecture and
// version itself, so this side only passes the verified file, its digest and the signature.
import { spawn } from 'node:child_process';
import type { DownloadedUpdate, Installer } from './updateScheduler';

export interface DebInstallerOptions {
  /** Command and leading arguments; the file path and hex sha512 are appended. */
  helperCommand?: string[];
  /** Restarts the app into the new version (Electron: app.relaunch() + app.exit(0); under the
   *  systemd unit a plain exit is enough, Restart=always starts the new binary). */
  relaunch(): void;
  timeoutMs?: number;
}

export const defaultDebHelper = ['pkexec', '/usr/lib/cunban/cunban-install-update'];

export function createDebInstaller(options: DebInstallerOptions): Installer {
  const [command, ...leading] = options.helperCommand ?? defaultDebHelper;
  if (!command) throw new Error('helperCommand is empty');
  return {
    async installAndRestart(update: DownloadedUpdate): Promise<void> {
      if (update.packageKind !== 'deb')
        throw new Error(`deb installer cannot install a ${update.packageKind} update`);
      // The root helper refuses unsigned packages; fail here with a clearer message.
      const signature = update.signature;
      if (!signature)
        throw new Error(`release ${update.version} is unsigned; the update helper would refuse it`);
      await new Promise<void>((resolve, reject) => {
        const child = spawn(command, [...leading, update.path, update.sha512Hex, signature], {
          stdio: ['ignore', 'pipe', 'pipe'],
          timeout: options.timeoutMs ?? 10 * 60_000,
        });
        let output = '';
        const collect = (chunk: Buffer) => {
          output = (output + chunk.toString('utf8')).slice(-4000);
        };
        child.stdout.on('data', collect);
        child.stderr.on('data', collect);
        child.on('error', reject);
        child.on('close', (code, signal) => {
          if (code === 0) resolve();
          else reject(new Error(`update helper exited with ${code ?? signal}: ${output.trim()}`));
        });
      });
      options.relaunch();
    },
  };
}
