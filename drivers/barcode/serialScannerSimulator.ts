import { SerialPort } from 'serialport';

/**
 * A USB-CDC scanner on the device end of a pty pair: `scan()` writes a code and its terminator,
 * optionally in pieces with pauses, as real scanners do at low baud rates.
 */
export class SerialScannerSimulator {
  private constructor(private readonly port: SerialPort) {}

  static open(devicePath: string, baudRate = 9600): Promise<SerialScannerSimulator> {
    return new Promise((resolve, reject) => {
      const port = new SerialPort({ path: devicePath, baudRate }, (err) =>
        err ? reject(err) : resolve(new SerialScannerSimulator(port)),
      );
    });
  }

  async scan(data: string | Uint8Array, terminator: string | Uint8Array = '\r', pieces = 1): Promise<void> {
    const body = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
    const bytes = Buffer.concat([body, Buffer.from(terminator)]);
    const size = Math.ceil(bytes.length / pieces);
    for (let i = 0; i < bytes.length; i += size) {
      await this.write(bytes.subarray(i, i + size));
      if (i + size < bytes.length) await new Promise((r) => setTimeout(r, 15));
    }
  }

  write(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.port.write(Buffer.from(bytes), (err) => (err ? reject(err) : this.port.drain(() => resolve())));
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.port.isOpen ? this.port.close(() => resolve()) : resolve()));
  }
}
