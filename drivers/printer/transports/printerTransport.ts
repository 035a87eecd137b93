/**
 * One interface over serial, Linux USB printer class (/dev/usb/lp*) and TCP 9100. A transport
 * only moves bytes; reconnection policy lives in the device, which reopens a closed transport.
 */
export interface PrinterTransport {
  /** For logs and the test page, e.g. "serial /dev/ttyUSB0 @ 115200". */
  readonly description: string;
  readonly isOpen: boolean;
  open(): Promise<void>;
  /** Resolves once the bytes have left this process (drained to the OS). */
  write(data: Uint8Array): Promise<void>;
  close(): Promise<void>;
  /** Bytes from the printer (status replies, ASB blocks). */
  onData(listener: (chunk: Buffer) => void): () => void;
  /** The link went away without close() (cable pulled, printer off, socket reset). */
  onLost(listener: (reason: Error) => void): () => void;
}

export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    message: string,
    readonly transport: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
