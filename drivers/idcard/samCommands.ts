import { buildSamFrame } from './samFrame';

/** A request the host can send, with what a good answer looks like and how long to wait. */
export interface SamCommand {
  readonly name: string;
  readonly cmd: number;
  readonly para: number;
  readonly data?: readonly number[];
  /** SW3 values meaning success for this command (0x91 "empty" counts for appended address). */
  readonly okStatus: readonly number[];
  /** Vendor timeout (reference §1.2, 新中新 SDK). */
  readonly timeoutMs: number;
}

const ok = [0x90];

export const SamCommands = {
  reset: { name: 'reset', cmd: 0x10, para: 0xff, okStatus: ok, timeoutMs: 300 },
  status: { name: 'status', cmd: 0x11, para: 0xff, okStatus: ok, timeoutMs: 300 },
  samId: { name: 'sam-id', cmd: 0x12, para: 0xff, okStatus: ok, timeoutMs: 300 },
  find: { name: 'find', cmd: 0x20, para: 0x01, okStatus: [0x9f], timeoutMs: 500 },
  select: { name: 'select', cmd: 0x20, para: 0x02, okStatus: ok, timeoutMs: 500 },
  readBase: { name: 'read-base', cmd: 0x30, para: 0x01, okStatus: ok, timeoutMs: 3500 },
  readBaseWithFingerprint: { name: 'read-base-fp', cmd: 0x30, para: 0x10, okStatus: ok, timeoutMs: 3500 },
  readAppendedAddress: {
    name: 'read-appended-address',
    cmd: 0x30,
    para: 0x03,
    okStatus: [0x90, 0x91],
    timeoutMs: 1000,
  },
} as const satisfies Record<string, SamCommand>;

/** Baud rates the SAM can switch to with command 0x60, and the PARA for each (reference §3). */
export const SAM_BAUD_PARA: Readonly<Record<number, number>> = {
  115200: 0x00,
  57600: 0x01,
  38400: 0x02,
  19200: 0x03,
  9600: 0x04,
};

export function setBaudCommand(baudRate: number): SamCommand {
  const para = SAM_BAUD_PARA[baudRate];
  if (para === undefined) throw new RangeError(`SAM cannot run at ${baudRate} baud`);
  return { name: `set-baud-${baudRate}`, cmd: 0x60, para, okStatus: ok, timeoutMs: 300 };
}

export function encodeCommand(command: SamCommand): Uint8Array {
  return buildSamFrame([command.cmd, command.para, ...(command.data ?? [])]);
}
