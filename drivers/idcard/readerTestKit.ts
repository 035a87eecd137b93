import type { IdCardReader, IdCardReaderEvents } from './idCardReader';

/**
 * Test helper: resolves with the first `event` that satisfies `match`, or rejects after
 * `timeoutMs` with what was seen instead (so a failing test says what happened).
 */
export function nextEvent<K extends keyof IdCardReaderEvents>(
  reader: IdCardReader,
  event: K,
  match: (value: IdCardReaderEvents[K]) => boolean = () => true,
  timeoutMs = 5_000,
): Promise<IdCardReaderEvents[K]> {
  return new Promise((resolve, reject) => {
    const seen: string[] = [];
    const offs: Array<() => void> = [];
    const timer = setTimeout(() => {
      for (const o of offs) o();
      reject(
        new Error(`no matching "${event}" within ${timeoutMs} ms; saw: ${seen.join(' | ') || 'nothing'}`),
      );
    }, timeoutMs);
    const keys: Array<keyof IdCardReaderEvents> = ['state', 'card', 'removed', 'read-error'];
    for (const k of keys) {
      offs.push(
        reader.on(k, (v) => {
          seen.push(
            k === 'state'
              ? `state:${(v as IdCardReaderEvents['state']).status}`
              : k === 'read-error'
                ? `read-error:${(v as IdCardReaderEvents['read-error']).code}`
                : k,
          );
          if (k === event && match(v as IdCardReaderEvents[K])) {
            clearTimeout(timer);
            for (const o of offs) o();
            resolve(v as IdCardReaderEvents[K]);
          }
        }),
      );
    }
  });
}

export function waitForState(reader: IdCardReader, status: string, timeoutMs = 5_000): Promise<unknown> {
  if (reader.state.status === status) return Promise.resolve(reader.state);
  return nextEvent(reader, 'state', (s) => s.status === status, timeoutMs);
}

/** A logger that records every line, so tests can check nothing personal was logged. */
export function recordingLogger(): { lines: string[]; info: Log; warn: Log; error: Log } {
  const lines: string[] = [];
  const log: Log = (msg, fields) => lines.push(`${msg} ${JSON.stringify(fields ?? {})}`);
  return { lines, info: log, warn: log, error: log };
}
type Log = (msg: string, fields?: Record<string, unknown>) => void;
