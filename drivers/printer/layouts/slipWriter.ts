import { type Align, EscPosWriter, gb18030, type MonoImage } from '../codec/escposEncoder';
import { COLUMNS, justifyPair, textColumns, wrapColumns } from '../codec/textColumns';
import type { PaperWidth } from '../schemas';

export interface LineStyle {
  /** GS ! magnification. */
  width: number;
  height: number;
  bold: boolean;
}

/**
 * Draws one wrapped line as dots, for lines the printer's font ROM may not have (see
 * `needsRaster`); returns undefined to send the line as text after all. Synchronous, so layouts stay
 * pure: `rasterizedLayout` prepares the images first.
 */
export type LineRasterizer = (line: string, style: LineStyle) => MonoImage | undefined;

/**
 * True when a line has characters that take 4 bytes in GB18030 (CJK Extension B and beyond, e.g.
 * 𠮷): font ROMs commonly stop at GBK, so such a line is safer as a picture (reference §2).
 */
export function needsRaster(line: string): boolean {
  for (const ch of line) {
    if ((ch.codePointAt(0) ?? 0) >= 0x80 && gb18030(ch).length === 4) return true;
  }
  return false;
}

/**
 * Column-aware writing on top of EscPosWriter, shared by every slip layout: the layouts say what
 * goes on paper, this decides where lines break for the paper width and character size.
 */
export class SlipWriter {
  readonly out = new EscPosWriter();
  readonly columns: number;

  constructor(
    readonly paper: PaperWidth,
    private readonly rasterize?: LineRasterizer,
  ) {
    this.columns = COLUMNS[paper];
    this.out.init();
  }

  /** Wrapped text; `scale` is the GS ! width factor so the column budget shrinks with it. */
  text(
    text: string,
    opts: { align?: Align; bold?: boolean; scale?: number; heightScale?: number } = {},
  ): this {
    const scale = opts.scale ?? 1;
    const budget = Math.floor(this.columns / scale);
    this.out.align(opts.align ?? 'left');
    if (opts.bold) this.out.bold(true);
    if (scale !== 1 || (opts.heightScale ?? 1) !== 1) this.out.size(scale, opts.heightScale ?? scale);
    const style = { width: scale, height: opts.heightScale ?? scale, bold: opts.bold ?? false };
    for (const line of wrapColumns(text, budget)) {
      const image = this.rasterize && needsRaster(line) ? this.rasterize(line, style) : undefined;
      if (image) this.out.image(image);
      else this.out.line(line);
    }
    if (scale !== 1 || (opts.heightScale ?? 1) !== 1) this.out.size(1, 1);
    if (opts.bold) this.out.bold(false);
    if (opts.align && opts.align !== 'left') this.out.align('left');
    return this;
  }

  /**
   * Large type that still fits: double width and height if the text fits the halved budget,
   * otherwise double height only, so a long tracking number is never broken mid-way.
   */
  large(text: string, align: Align = 'center'): this {
    const scale = textColumns(text) <= Math.floor(this.columns / 2) ? 2 : 1;
    return this.text(text, { align, bold: true, scale, heightScale: 2 });
  }

  /** "label：value", the value wrapped under the label when long. */
  field(label: string, value: string): this {
    return this.text(`${label}：${value}`);
  }

  pair(left: string, right: string): this {
    this.out.align('left');
    for (const line of justifyPair(left, right, this.columns)) this.out.line(line);
    return this;
  }

  rule(ch = '-'): this {
    this.out.align('left').line(ch.repeat(this.columns));
    return this;
  }

  finish(): Buffer {
    this.out.feed(3).cut('partial');
    return this.out.bytes();
  }
}
