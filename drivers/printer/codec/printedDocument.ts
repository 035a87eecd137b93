import type { EscPosEvent } from './escposDecoder';
import type { Align, CutMode, HriPosition, MonoImage, QrErrorLevel } from './escposEncoder';

/** What came out of the printer between two cuts, as the simulator saw it. */
export type PrintedBlock =
  | { kind: 'text'; text: string; align: Align; width: number; height: number; bold: boolean }
  | { kind: 'qr'; data: string; size: number; level: QrErrorLevel; align: Align }
  | { kind: 'barcode'; data: string; height: number; moduleWidth: number; hri: HriPosition; align: Align }
  | { kind: 'image'; image: MonoImage; align: Align }
  | { kind: 'feed'; lines: number };

export interface PrintedDocument {
  blocks: PrintedBlock[];
  cut: CutMode;
}

/** Groups decoder events into lines and documents, tracking the print modes as a printer does. */
export class DocumentAssembler {
  private blocks: PrintedBlock[] = [];
  private line: { text: string; align: Align; width: number; height: number; bold: boolean } | undefined;
  private mode = { align: 'left' as Align, width: 1, height: 1, bold: false };

  /** Returns the documents completed (cut) by these events. */
  accept(events: EscPosEvent[]): PrintedDocument[] {
    const done: PrintedDocument[] = [];
    for (const e of events) {
      switch (e.type) {
        case 'init':
          this.endLine();
          this.mode = { align: 'left', width: 1, height: 1, bold: false };
          break;
        case 'align':
          this.mode.align = e.align;
          break;
        case 'size':
          this.mode.width = e.width;
          this.mode.height = e.height;
          break;
        case 'bold':
          this.mode.bold = e.on;
          break;
        case 'text':
          if (!this.line) this.line = { text: '', ...this.mode };
          this.line.text += e.text;
          break;
        case 'lf':
          if (!this.line) this.line = { text: '', ...this.mode };
          this.endLine();
          break;
        case 'feed':
          this.endLine();
          this.blocks.push({ kind: 'feed', lines: e.lines });
          break;
        case 'qr':
          this.endLine();
          this.blocks.push({
            kind: 'qr',
            data: e.data,
            size: e.size,
            level: e.level,
            align: this.mode.align,
          });
          break;
        case 'barcode':
          this.endLine();
          this.blocks.push({ kind: 'barcode', ...e, align: this.mode.align });
          break;
        case 'raster':
          this.endLine();
          this.blocks.push({ kind: 'image', image: e.image, align: this.mode.align });
          break;
        case 'cut':
          this.endLine();
          done.push({ blocks: this.blocks, cut: e.mode });
          this.blocks = [];
          break;
        default:
          break;
      }
    }
    return done;
  }

  /** Blocks printed since the last cut (a job that never reached its cut). */
  get uncut(): PrintedBlock[] {
    return this.line ? [...this.blocks, { kind: 'text', ...this.line }] : [...this.blocks];
  }

  private endLine(): void {
    if (!this.line) return;
    this.blocks.push({ kind: 'text', ...this.line });
    this.line = undefined;
  }
}

/** The plain text of a document, one printed line per line (for assertions and logs). */
export function documentText(doc: { blocks: PrintedBlock[] }): string {
  return doc.blocks
    .filter((b): b is Extract<PrintedBlock, { kind: 'text' }> => b.kind === 'text')
    .map((b) => b.text)
    .join('\n');
}
