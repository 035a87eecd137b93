import { SerialPort } from 'serialport';
import { CARD_FIXTURES, type CardFixture } from './cardFixtures';
import { PacedLine } from './pacedLine';
import { type FaultTarget, SamCardSimulator, type SamDelays, type SimulatorFault } from './samCardSimulator';

export interface IdCardSimulatorOptions {
  /** Device side of the pty pair (the reader's end of the cable). */
  path: string;
  baudRate?: number;
  delays?: Partial<SamDelays>;
}

/** What the host's demo control panel and the tests drive. */
export interface IdCardSimulatorHandle {
  readonly fixtures: readonly CardFixture[];
  readonly engine: SamCardSimulator;
  placeCard(fixtureId: string): void;
  removeCard(): void;
  injectFault(kind: SimulatorFault, target?: FaultTarget): void;
  clearFaults(): void;
  close(): Promise<void>;
}

const DEFAULT_DELAYS: SamDelays = { find: 3, select: 3, read: 80, other: 1 };

/**
 * A SAM reader on the far end of a pty: real serialport binding, real protocol, bytes paced at
 * the baud rate. If the link drops (pty unplugged) it keeps trying to reopen the same path, like
 * a reader that comes back when plugged in again.
 */
export async function startIdCardSimulator(options: IdCardSimulatorOptions): Promise<IdCardSimulatorHandle> {
  const engine = new SamCardSimulator({ ...DEFAULT_DELAYS, ...options.delays });
  const baudRate = options.baudRate ?? 115200;
  let port: SerialPort | null = null;
  let line: PacedLine | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;

  const open = () =>
    new Promise<void>((resolve, reject) => {
      const p = new SerialPort({ path: options.path, baudRate }, (err) => {
        if (err) {
          reject(err);
          return;
        }
        port = p;
        const paced = new PacedLine((bytes) => p.write(Buffer.from(bytes)), baudRate);
        line = paced;
        p.on('data', (chunk: Buffer) => {
          const arrived = performance.now() + paced.wireMs(chunk.length);
          for (const reply of engine.receive(new Uint8Array(chunk))) {
            paced.send(reply.bytes, arrived + reply.delayMs, reply.baudAfter);
          }
        });
        p.on('close', () => {
          paced.close();
          if (port === p) port = null;
          if (!closed) scheduleReopen();
        });
        p.on('error', () => undefined);
        resolve();
      });
    });

  const scheduleReopen = () => {
    if (closed || retry) return;
    retry = setTimeout(async () => {
      retry = null;
      try {
        await open();
        engine.powerCycle();
      } catch {
        scheduleReopen();
      }
    }, 100);
  };

  await open();
  return {
    fixtures: CARD_FIXTURES,
    engine,
    placeCard: (id) => engine.placeCard(id),
    removeCard: () => engine.removeCard(),
    injectFault: (kind, target) => engine.injectFault(kind, target),
    clearFaults: () => engine.clearFaults(),
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      line?.close();
      const p = port as SerialPort | null;
      if (p?.isOpen) await new Promise<void>((r) => p.close(() => r()));
    },
  };
}
