import { execFile } from 'node:child_process';
import type { PowerControl } from './powerScheduler';

/**
 * The real power switch. Linux: `systemctl poweroff|reboot`, which logind allows the kiosk user
 * through the polkit grant in build/linux/50-cunban-power.rules (.pkla on polkit 0.105); Windows:
 * `shutdown /s|/r /t 0`, allowed to the kiosk account by the SeShutdownPrivilege it has by default.
 */
export function systemPowerControl(platform: NodeJS.Platform = process.platform): PowerControl {
  const run = (file: string, args: string[]) =>
    new Promise<void>((resolve, reject) =>
      execFile(file, args, { timeout: 30_000 }, (error) => (error ? reject(error) : resolve())),
    );
  if (platform === 'win32')
    return {
      powerOff: () => run('shutdown', ['/s', '/t', '0']),
      reboot: () => run('shutdown', ['/r', '/t', '0']),
    };
  return {
    powerOff: () => run('systemctl', ['poweroff']),
    reboot: () => run('systemctl', ['reboot']),
  };
}
