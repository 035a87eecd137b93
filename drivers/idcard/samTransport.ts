/**
 * One link to a SAM reader, whatever the wire: serial, HID reports or 部标 USB bulk. The reader
 * state machine sends whole request frames and gets the reply back as a byte stream, which it
 * deframes itself, so every transport shares one deframer and one set of resync rules.
 */
export interface SamTransport {
  readonly kind: 'serial' | 'hid' | 'usb';
  /** For logs, e.g. "serial /dev/ttyUSB0 @115200". No personal data. */
  readonly description: string;
  send(frame: Uint8Array): Promise<void>;
  onData(listener: (chunk: Uint8Array) => void): () => void;
  /** Called once when the link goes away (unplugged, port error). Not called after close(). */
  onDisconnect(listener: (error?: Error) => void): () => void;
  close(): Promise<void>;
}

export type TransportOpener = () => Promise<SamTransport>;

/** Small listener set used by transports (no EventEmitter: typed, and listener errors stay in). */
export class ListenerSet<T> {
  private readonly listeners = new Set<(value: T) => void>();
  add(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(value: T): void {
    for (const l of [...this.listeners]) {
      try {
        l(value);
      } catch {
        // A faulty listener must not break the link for the others.
      }
    }
  }
  clear(): void {
    this.listeners.clear();
  }
}
