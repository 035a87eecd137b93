import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A virtual serial cable: a pair of linked pseudo-terminals made by socat, so serial drivers and
 * their simulators talk through the kernel's tty layer with the real `serialport` binding on both
 * ends. The demo profile runs each real serial driver against its simulator over one; tests too.
 * `unplug()` kills socat (the host side sees the port vanish); `replug()` makes the same link
 * paths appear again, like a USB-serial reader put back in.
 */
export interface PtyPair {
  /** Path the driver opens (the "device" as the host sees it). */
  readonly hostPath: string;
  /** Path the simulator opens (the device's side of the cable). */
  readonly devicePath: string;
  unplug(): Promise<void>;
  replug(): Promise<void>;
  close(): Promise<void>;
}

/**
 * `sh -c` script: socat in the background, a watcher that ends it once stdin reaches EOF, and the
 * shell's exit code is socat's (so an early failure is seen). SIGKILL, like a pulled cable: a
 * graceful socat exit still passes on bytes in flight, which made unplug-mid-read tests flaky.
 */
// A non-interactive shell gives background jobs /dev/null as stdin, so the watcher reads a copy (fd 3).
const SOCAT_TIED_TO_STDIN = 'exec 3<&0; socat "$@" & s=$!; (read _ <&3; kill -9 $s 2>/dev/null) & wait $s';

export async function openPtyPair(): Promise<PtyPair> {
  const dir = await mkdtemp(join(tmpdir(), 'cunban-pty-'));
  const hostPath = join(dir, 'host');
  const devicePath = join(dir, 'device');
  let socat: ChildProcess | undefined;

  // socat killed with SIGKILL leaves its links behind, pointing at /dev/pts/N — a number the
  // kernel soon gives to someone else's pty. Remove them so nobody opens a stranger's terminal.
  const removeLinks = () => Promise.all([hostPath, devicePath].map((p) => unlink(p).catch(() => {})));

  const start = async () => {
    await removeLinks();
    // socat runs under a small shell that ends it when our end of its stdin closes: on unplug, and
    // also when this process dies (even by SIGKILL), so no orphaned socat outlives the kiosk.
    socat = spawn(
      'sh',
      [
        '-c',
        SOCAT_TIED_TO_STDIN,
        'sh',
        `pty,raw,echo=0,link=${hostPath}`,
        `pty,raw,echo=0,link=${devicePath}`,
      ],
      {
        stdio: ['pipe', 'ignore', 'ignore'],
      },
    );
    const proc = socat;
    const deadline = Date.now() + 5_000;
    while (!(existsSync(hostPath) && existsSync(devicePath))) {
      if (Date.now() > deadline || proc.exitCode !== null) {
        proc.stdin?.destroy();
        if (proc.exitCode !== null) throw new Error(`socat exited early with code ${proc.exitCode}`);
        throw new Error('socat did not create the pty pair within 5 s');
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const stop = async () => {
    const proc = socat;
    socat = undefined;
    if (!proc) return;
    if (proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.stdin?.end();
      await exited;
    } else proc.stdin?.destroy();
    await removeLinks();
  };

  await start();
  return {
    hostPath,
    devicePath,
    unplug: stop,
    replug: start,
    async close() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
