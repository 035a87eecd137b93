import { SerialPort } from 'serialport';
import { EscPosPrinterSimulator } from './escposPrinterSimulator';

/**
 * The simulated printer on the device side of a socat pty, through the real serialport binding.
 * After the test "replugs" the cable, call `reopen()` as the printer would power back up.
 */
export class PtyPrinterSimulator {
  readonly printer: EscPosPrinterSimulator;
  private port: SerialPort | undefined;

  constructor(private readonly devicePath: string) {
    this.printer = new EscPosPrinterSimulator((bytes) => this.port?.write(bytes));
  }

  async open(): Promise<void> {
    const port = new SerialPort({ path: this.devicePath, baudRate: 115200, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    port.on('data', (chunk: Buffer) => this.printer.receive(chunk));
    port.on('error', () => {});
    this.port = port;
  }

  async reopen(): Promise<void> {
    await this.close();
    await this.open();
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
