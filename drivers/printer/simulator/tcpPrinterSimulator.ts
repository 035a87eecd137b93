import { createServer, type Server, type Socket } from 'node:net';
import { EscPosPrinterSimulator } from './escposPrinterSimulator';

/** True for a chunk made only of DLE EOT requests (and GS a), which the device sends between jobs. */
function isStatusRequestOnly(chunk: Buffer): boolean {
  for (let i = 0; i < chunk.length; i += 3) {
    const isDleEot = chunk[i] === 0x10 && chunk[i + 1] === 0x04;
    const isAsb = chunk[i] === 0x1d && chunk[i + 1] === 0x61;
    if (!isDleEot && !isAsb) return false;
  }
  return true;
}

/** The simulated printer as a network printer on 127.0.0.1 (raw port, like 9100). */
export class TcpPrinterSimulator {
  readonly printer: EscPosPrinterSimulator;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  constructor() {
    this.printer = new EscPosPrinterSimulator((bytes) => {
      for (const s of this.sockets) s.write(bytes);
    });
  }

  /** Listens on an ephemeral (or given) port and returns it. */
  async listen(port = 0): Promise<number> {
    const server = createServer((socket) => {
      this.sockets.add(socket);
      socket.on('data', (chunk) => {
        this.printer.receive(chunk);
        if (this.stallArmed && !isStatusRequestOnly(chunk)) {
          this.stallArmed = false;
          socket.pause();
        }
      });
      socket.on('error', () => {});
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.server = server;
    const addr = server.address();
    if (!addr || typeof addr === 'string') throw new Error('no TCP address');
    return addr.port;
  }

  private stallArmed = false;

  /**
   * From the next chunk of job data on, stops reading from the network, like a printer whose
   * buffer stays full (a jammed mechanism) while the link itself is up.
   */
  stallOnNextJob(): void {
    this.stallArmed = true;
  }

  /** Drops every connection, like a printer power-cycled. */
  dropConnections(): void {
    for (const s of this.sockets) s.destroy();
  }

  async close(): Promise<void> {
    this.dropConnections();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
