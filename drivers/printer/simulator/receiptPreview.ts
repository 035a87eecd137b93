import QRCode from 'qrcode';
import sharp from 'sharp';
import type { MonoImage } from '../codec/escposEncoder';
import type { PrintedBlock, PrintedDocument } from '../codec/printedDocument';
import { charColumns } from '../codec/textColumns';
import type { PaperWidth } from '../schemas';

/**
 * Draws what the simulated printer printed as a PNG, dot for dot at 203 dpi: a 12×24 cell per
 * ASCII character and 24×24 per 汉字, like font A. The text goes through an SVG drawn by sharp
 * (librsvg + fontconfig) with Noto Sans Mono CJK, whose ASCII is exactly half an em, so the preview
 * keeps the printer's column grid. CODE128 is shown as a labelled box, not as bars: the decoder
 * already checks its data, and drawing bars would suggest a fidelity the preview does not have.
 */

const PAPER_DOTS: Record<PaperWidth, number> = { '58mm': 384, '80mm': 576 };
const CELL = 12;
const LINE = 24;
const LINE_GAP = 6;
const MARGIN = 24;
const FONT = "'Noto Sans Mono CJK SC', 'Noto Sans CJK SC', monospace";

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function alignX(align: 'left' | 'center' | 'right', width: number, paper: number): number {
  if (align === 'center') return Math.max(0, Math.floor((paper - width) / 2));
  if (align === 'right') return Math.max(0, paper - width);
  return 0;
}

/** Runs of dark dots as one SVG path: small and exact. */
function dotsPath(
  dots: ArrayLike<number>,
  width: number,
  height: number,
  scale: number,
  x0: number,
  y0: number,
): string {
  let d = '';
  for (let y = 0; y < height; y++) {
    let x = 0;
    while (x < width) {
      if (!dots[y * width + x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < width && dots[y * width + x]) x++;
      d += `M${x0 + start * scale} ${y0 + y * scale}h${(x - start) * scale}v${scale}h${-(x - start) * scale}z`;
    }
  }
  return d;
}

interface Drawn {
  svg: string;
  height: number;
}

function drawText(b: Extract<PrintedBlock, { kind: 'text' }>, paper: number, y: number): Drawn {
  let cols = 0;
  for (const ch of b.text) cols += charColumns(ch);
  const width = cols * CELL * b.width;
  const x = alignX(b.align, width, paper);
  const h = LINE * b.height;
  const fontSize = LINE * b.height;
  // Width magnification stretches glyphs horizontally, as GS ! does.
  const sx = b.width / b.height;
  const svg = b.text
    ? `<text transform="translate(${x} ${y + h * 0.86}) scale(${sx} 1)" font-family="${FONT}" font-size="${fontSize}" font-weight="${b.bold ? 700 : 400}" fill="#111">${esc(b.text)}</text>`
    : '';
  return { svg, height: h + LINE_GAP };
}

function drawQr(b: Extract<PrintedBlock, { kind: 'qr' }>, paper: number, y: number): Drawn {
  const qr = QRCode.create(b.data, { errorCorrectionLevel: b.level });
  const n = qr.modules.size;
  const size = n * b.size;
  const x = alignX(b.align, size, paper);
  const quiet = 4 * b.size;
  const path = dotsPath(qr.modules.data, n, n, b.size, x, y + quiet);
  return { svg: `<path d="${path}" fill="#000"/>`, height: size + 2 * quiet };
}

function drawImage(image: MonoImage, align: 'left' | 'center' | 'right', paper: number, y: number): Drawn {
  const x = alignX(align, image.width, paper);
  return {
    svg: `<path d="${dotsPath(image.dots, image.width, image.height, 1, x, y)}" fill="#111"/>`,
    height: image.height + LINE_GAP,
  };
}

function drawBarcode(b: Extract<PrintedBlock, { kind: 'barcode' }>, paper: number, y: number): Drawn {
  const width = Math.min(paper, 240);
  const x = alignX(b.align, width, paper);
  const h = Math.max(b.height, 30);
  const svg =
    `<rect x="${x}" y="${y}" width="${width}" height="${h}" fill="none" stroke="#777" stroke-dasharray="4 3"/>` +
    `<text x="${x + width / 2}" y="${y + h / 2 + 8}" text-anchor="middle" font-family="${FONT}" font-size="20" fill="#555">CODE128 ${esc(b.data)}</text>`;
  return { svg, height: h + LINE_GAP };
}

/** Renders one printed document (between two cuts) as a PNG. */
export async function renderReceiptPreview(
  doc: { blocks: PrintedBlock[]; cut?: PrintedDocument['cut'] },
  paper: PaperWidth,
): Promise<Buffer> {
  const paperDots = PAPER_DOTS[paper];
  const parts: string[] = [];
  let y = MARGIN;
  for (const b of doc.blocks) {
    let drawn: Drawn;
    if (b.kind === 'text') drawn = drawText(b, paperDots, y);
    else if (b.kind === 'qr') drawn = drawQr(b, paperDots, y);
    else if (b.kind === 'image') drawn = drawImage(b.image, b.align, paperDots, y);
    else if (b.kind === 'barcode') drawn = drawBarcode(b, paperDots, y);
    else drawn = { svg: '', height: b.lines * (LINE + LINE_GAP) };
    parts.push(drawn.svg);
    y += drawn.height;
  }
  const height = y + MARGIN;
  const cutLine = doc.cut
    ? `<line x1="0" y1="${height - 1}" x2="${paperDots + 2 * MARGIN}" y2="${height - 1}" stroke="#999" stroke-dasharray="6 4"/>`
    : '';
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${paperDots + 2 * MARGIN}" height="${height}">` +
    `<rect width="100%" height="100%" fill="#fff"/>${cutLine}` +
    `<g transform="translate(${MARGIN} 0)">${parts.join('')}</g></svg>`;
  return sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer();
}
