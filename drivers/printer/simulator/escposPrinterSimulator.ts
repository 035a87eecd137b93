import { EscPosDecoder } from '../codec/escposDecoder';
import { DocumentAssembler, type PrintedBlock, type PrintedDocument } from '../codec/printedDocument';
import { Listeners } from '../listeners';

/** What a person could do to the simulated printer. */
export interface SimulatedCondition {
  paper: 'ok' | 'near-end' | 'out';
  coverOpen: boolean;
  cutterJam: boolean;
}

type SimulatorEvents = {
  document: PrintedDocument;
  /** Data the printer threw away because it could not print (no paper, cover open, jam). */
  discarded: number;
};

/**
 * A receipt printer's protocol brain, independent of the wire: feed it bytes, and it answers
 * status queries through `reply`, prints (decodes) what it can, and throws data away while it cannot
 * print, as real printers do. Adapters connect it to a pty or a TCP socket.
 */
export class EscPosPrinterSimulator {
  private condition: SimulatedCondition = { paper: 'ok', coverOpen: false, cutterJam: false };
  private decoder = new EscPosDecoder();
  private assembler = new DocumentAssembler();
  private asbFlags = 0;
  private readonly events = new Listeners<SimulatorEvents>();
  private paperLeftBytes: number | undefined;
  /** Every byte received, for golden comparisons. */
  readonly received: Buffer[] = [];
  readonly documents: PrintedDocument[] = [];
  /** Half-printed job left behind when the printer stopped (what the villager would see). */
  readonly fragments: PrintedBlock[][] = [];

  constructor(private readonly reply: (bytes: Buffer) => void) {}

  on<K extends keyof SimulatorEvents>(event: K, l: (v: SimulatorEvents[K]) => void): () => void {
    return this.events.on(event, l);
  }

  get state(): SimulatedCondition {
    return { ...this.condition };
  }

  set(change: Partial<SimulatedCondition>): void {
    const before = this.canPrint;
    this.condition = { ...this.condition, ...change };
    if (before && !this.canPrint) this.stopMidJob();
    if (this.asbFlags !== 0) this.reply(this.asbBlock());
  }

  /** The roll ends after this many more data bytes (to test paper-out in the middle of a job). */
  paperRunsOutAfter(bytes: number): void {
    this.paperLeftBytes = bytes;
  }

  get canPrint(): boolean {
    return this.condition.paper !== 'out' && !this.condition.coverOpen && !this.condition.cutterJam;
  }

  receive(chunk: Buffer): void {
    this.received.push(Buffer.from(chunk));
    let data = chunk;
    if (this.paperLeftBytes !== undefined && this.canPrint) {
      if (data.length >= this.paperLeftBytes) {
        const printable = data.subarray(0, this.paperLeftBytes);
        const rest = data.subarray(this.paperLeftBytes);
        this.paperLeftBytes = undefined;
        this.process(printable);
        this.set({ paper: 'out' });
        data = rest;
      } else {
        this.paperLeftBytes -= data.length;
      }
    }
    if (this.canPrint) this.process(data);
    else this.discard(data);
  }

  private process(data: Buffer): void {
    const events = this.decoder.push(data);
    for (const e of events) {
      if (e.type === 'status-request') this.reply(Buffer.of(this.realtimeReply(e.n)));
      else if (e.type === 'auto-status-back') {
        this.asbFlags = e.flags;
        if (e.flags !== 0) this.reply(this.asbBlock());
      }
    }
    for (const doc of this.assembler.accept(events)) {
      this.documents.push(doc);
      this.events.emit('document', doc);
    }
  }

  /** While stopped a printer still answers real-time requests (DLE EOT), and drops the rest. */
  private discard(data: Buffer): void {
    let dropped = 0;
    for (let i = 0; i < data.length; i++) {
      if (data[i] === 0x10 && data[i + 1] === 0x04 && i + 2 < data.length) {
        this.reply(Buffer.of(this.realtimeReply(data[i + 2]!)));
        i += 2;
      } else dropped++;
    }
    if (dropped) this.events.emit('discarded', dropped);
  }

  /** Paper ran out (or the cover opened) mid-job: what was printed stays as a fragment. */
  private stopMidJob(): void {
    const uncut = this.assembler.uncut;
    if (uncut.length) this.fragments.push(uncut);
    this.decoder = new EscPosDecoder();
    this.assembler = new DocumentAssembler();
  }

  realtimeReply(n: number): number {
    const c = this.condition;
    const out = c.paper === 'out';
    const stopped = !this.canPrint;
    switch (n) {
      case 1:
        return 0x12 | (stopped ? 0x08 : 0);
      case 2:
        return 0x12 | (c.coverOpen ? 0x04 : 0) | (out ? 0x20 : 0) | (c.cutterJam ? 0x40 : 0);
      case 3:
        return 0x12 | (c.cutterJam ? 0x08 : 0);
      case 4:
        return 0x12 | (c.paper !== 'ok' ? 0x0c : 0) | (out ? 0x60 : 0);
      default:
        return 0x12;
    }
  }

  asbBlock(): Buffer {
    const c = this.condition;
    return Buffer.of(
      0x10 | (this.canPrint ? 0 : 0x08) | (c.coverOpen ? 0x20 : 0),
      c.cutterJam ? 0x08 : 0,
      (c.paper !== 'ok' ? 0x03 : 0) | (c.paper === 'out' ? 0x0c : 0),
      0x0f,
    );
  }
}
