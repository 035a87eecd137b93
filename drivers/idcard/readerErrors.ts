import { READ_ERROR_WORDS } from './readerStates';
import { SamResponseError, SamStatusError, SamTimeoutError } from './samStatus';
import type { IdCardReadError, ReaderFaultReason } from './schemas';

/** A presentation given up for a reason of our own (e.g. the card was taken away). */
export class ReadAbandoned extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** SAM faults IT staff must fix; anything else is a per-read problem. */
export function samFaultReason(err: unknown): ReaderFaultReason | null {
  if (!(err instanceof SamStatusError)) return null;
  if (err.sw3 === 0x60) return 'sam-self-test-failed';
  if (err.sw3 === 0x66) return 'sam-not-authorised';
  // The SAM rejects a command we send by design: the reader is not what we think it is.
  if (err.info.name === 'bad-command') return 'protocol-error';
  return null;
}

/** Only a dead SAM, not an unsupported optional command (0x21), ends a read. */
export function isDeadSam(err: unknown): boolean {
  return err instanceof SamStatusError && (err.sw3 === 0x60 || err.sw3 === 0x66);
}

/** The read-error event for a failed presentation, in words for the villager and for logs. */
export function readErrorEvent(err: unknown, code = readErrorCode(err)): IdCardReadError {
  const words =
    READ_ERROR_WORDS[code] ??
    (err instanceof SamStatusError ? { zh: err.info.zh, en: err.message } : READ_ERROR_WORDS.corrupt!);
  return { type: 'read-error', code, messageZh: words.zh, messageEn: words.en };
}

function readErrorCode(err: unknown): string {
  if (err instanceof ReadAbandoned) return err.code;
  if (err instanceof SamTimeoutError) return 'timeout';
  if (err instanceof SamResponseError) return 'corrupt';
  if (err instanceof SamStatusError) return err.info.name;
  return 'corrupt';
}
