import { SerialPort } from 'serialport';
import { ListenerSet, type SamTransport } from './samTransport';

export interface SerialTransportOptions {
  path: string;
  /** Readers ship at 115200 (reference §1.1). */
  baudRate?: number;
}

/** USB-CDC / CH340 / CP210x readers: 8N1, no flow control (reference §1.1). */
export async function openSerialTransport(options: SerialTransportOptions): Promise<SamTransport> {
  const baudRate = options.baudRate ?? 115200;
  const port = await new Promise<SerialPort>((resolve, reject) => {
    const p = new SerialPort(
      {
        path: options.path,
        baudRate,
        dataBits: 8,
        stopBits: 1,
        parity: 'none',
        rtscts: false,
        xon: false,
        xoff: false,
      },
      (err) => (err ? reject(err) : resolve(p)),
    );
  });
  const data = new ListenerSet<Uint8Array>();
  const disconnect = new ListenerSet<Error | undefined>();
  let closing = false;
  let gone = false;
  const lost = (err?: Error) => {
    if (closing || gone) return;
    gone = true;
    disconnect.emit(err);
  };
  port.on('data', (chunk: Buffer) => data.emit(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length)));
  port.on('close', (err?: Error) => lost(err ?? new Error('serial port closed')));
  port.on('error', (err: Error) => lost(err));

  return {
    kind: 'serial',
    description: `serial ${options.path} @${baudRate}`,
    send(frame) {
      return new Promise((resolve, reject) => {
        if (gone || !port.isOpen) {
          reject(new Error('serial port is not open'));
          return;
        }
        port.write(Buffer.from(frame.buffer, frame.byteOffset, frame.length), (err) =>
          err ? reject(err) : resolve(),
        );
      });
    },
    onData: (l) => data.add(l),
    onDisconnect: (l) => disconnect.add(l),
    async close() {
      closing = true;
      data.clear();
      disconnect.clear();
      if (port.isOpen) await new Promise<void>((r) => port.close(() => r()));
    },
  };
}
