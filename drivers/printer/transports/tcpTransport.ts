import { connect, type Socket } from 'node:net';
import type { PrinterTransport } from './printerTransport';
import { TransportError } from './printerTransport';
import { TransportListeners } from './transportListeners';

export interface TcpTransportOptions {
  host: string;
  /** Raw printing port; 9100 on network receipt printers. */
  port?: number;
  connectTimeoutMs?: number;
}

export class TcpTransport implements PrinterTransport {
  readonly description: string;
  private socket: Socket | undefined;
  private readonly listeners = new TransportListeners();

  constructor(private readonly opts: TcpTransportOptions) {
    this.description = `tcp ${opts.host}:${opts.port ?? 9100}`;
  }

  get isOpen(): boolean {
    return this.socket !== undefined && !this.socket.destroyed;
  }

  async open(): Promise<void> {
    if (this.isOpen) return;
    const socket = connect({ host: this.opts.host, port: this.opts.port ?? 9100 });
    socket.setNoDelay(true);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new TransportError('connect timed out', this.description));
      }, this.opts.connectTimeoutMs ?? 3000);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.once('error', (err) => {
        clearTimeout(timer);
        reject(new TransportError(err.message, this.description, { cause: err }));
      });
    });
    socket.on('data', (chunk: Buffer) => this.listeners.emitData(chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.listeners.emitLost(new Error('connection closed by printer'));
    });
    this.socket = socket;
  }

  async write(data: Uint8Array): Promise<void> {
    const socket = this.socket;
    if (!socket || socket.destroyed) throw new TransportError('not connected', this.description);
    await new Promise<void>((resolve, reject) =>
      socket.write(data, (err) =>
        err ? reject(new TransportError(err.message, this.description, { cause: err })) : resolve(),
      ),
    );
  }

  async close(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (!socket || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      setTimeout(() => socket.destroy(), 500).unref();
    });
  }

  onData(l: (chunk: Buffer) => void): () => void {
    return this.listeners.onData(l);
  }
  onLost(l: (reason: Error) => void): () => void {
    return this.listeners.onLost(l);
  }
}
