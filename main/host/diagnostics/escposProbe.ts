import {
  CONDITION_MESSAGES,
  conditionOf,
  isDleEotReply,
  parseRealtimeStatus,
  type StatusFlags,
} from '../../../drivers/printer/codec/printerStatus';
import type { PrinterCondition } from '../../../drivers/printer/schemas';
import type { PrinterTransport } from '../../../drivers/printer/transports/printerTransport';

/**
 * Is there an ESC/POS printer on this port? Ask the four real-time status questions (DLE EOT 1–4,
 * reference §4.1) one at a time and accept the port only if every answer is one byte with the
 * fixed bits of a DLE EOT reply. One question at a time, because the reference says to wait for
 * each reply; strict, because line noise or a modem that echoes must never be taken for a printer
 * (a random byte has the fixed bits one time in sixteen, four in a row one time in 65 536).
 */
export type EscPosProbeResult =
  | { kind: 'printer'; condition: PrinterCondition; flags: StatusFlags; replies: number[] }
  | { kind: 'not-escpos'; bytes: number }
  | { kind: 'silent' }
  | { kind: 'unopenable'; error: string };

const DLE_EOT = (n: number) => Uint8Array.of(0x10, 0x04, n);

export async function probeEscPos(
  transport: PrinterTransport,
  options: { timeoutMs?: number } = {},
): Promise<EscPosProbeResult> {
  const timeoutMs = options.timeoutMs ?? 300;
  try {
    await transport.open();
  } catch (error) {
    return { kind: 'unopenable', error: (error as Error).message };
  }
  const inbox: number[] = [];
  let wake: (() => void) | undefined;
  const offData = transport.onData((chunk) => {
    inbox.push(...chunk);
    wake?.();
  });
  const offLost = transport.onLost(() => wake?.());
  try {
    const replies: number[] = [];
    for (const n of [1, 2, 3, 4]) {
      await transport.write(DLE_EOT(n));
      const got = await waitForBytes(inbox, 1, timeoutMs, (w) => {
        wake = w;
      });
      if (!got) return replies.length === 0 && inbox.length === 0 ? { kind: 'silent' } : notEscPos(inbox);
      // Exactly one byte may come back per question; more is somebody else's protocol.
      await settle(20);
      if (inbox.length !== 1 || !isDleEotReply(inbox[0]!)) return notEscPos(inbox, replies.length);
      replies.push(inbox.shift()!);
    }
    const flags = parseRealtimeStatus(replies);
    return { kind: 'printer', condition: conditionOf(flags), flags, replies };
  } catch (error) {
    return { kind: 'unopenable', error: (error as Error).message };
  } finally {
    offData();
    offLost();
    await transport.close().catch(() => {});
  }
}

function notEscPos(inbox: number[], before = 0): EscPosProbeResult {
  return { kind: 'not-escpos', bytes: inbox.length + before };
}

function settle(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

async function waitForBytes(
  inbox: number[],
  count: number,
  timeoutMs: number,
  setWake: (wake: (() => void) | undefined) => void,
): Promise<boolean> {
  if (inbox.length >= count) return true;
  return new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => done(false), timeoutMs);
    const done = (value: boolean) => {
      clearTimeout(timer);
      setWake(undefined);
      resolve(value);
    };
    setWake(() => {
      if (inbox.length >= count) done(true);
    });
  });
}

/** The probe's answer in words for IT staff, with the paper and cover state when it is a printer. */
export function escposProbeWords(result: EscPosProbeResult): string {
  switch (result.kind) {
    case 'printer': {
      const paper = result.flags.paperOut ? '没纸' : result.flags.paperNearEnd ? '纸快用完' : '有纸';
      const cover = result.flags.coverOpen ? '盖子开着' : '盖子已关好';
      return `凭条打印机（ESC/POS 已应答）：${paper}，${cover}；${CONDITION_MESSAGES[result.condition].zh}`;
    }
    case 'not-escpos':
      return '有设备应答，但不是 ESC/POS 打印机';
    case 'silent':
      return '无应答（不是打印机，或打印机未通电）';
    case 'unopenable':
      // serialport locks the tty (TIOCEXCL/flock): another program holds it, and it was left alone.
      if (/cannot lock port|resource temporarily unavailable|EBUSY/i.test(result.error))
        return '端口被其他程序占用（未检测）';
      return `打不开这个端口：${result.error}`;
  }
}
