import sharp from 'sharp';
import type { MonoImage } from '../codec/escposEncoder';
import { textColumns } from '../codec/textColumns';
import type { LineRasterizer, LineStyle } from './slipWriter';

const CELL = 12;
const LINE = 24;
const FONT = "'Noto Sans Mono CJK SC', 'Noto Sans CJK SC', sans-serif";
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One text line as printer dots, at the size the printer's own font would have used. */
export async function renderLineImage(line: string, style: LineStyle): Promise<MonoImage> {
  const width = Math.max(8, textColumns(line) * CELL * style.width);
  const height = LINE * style.height;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<rect width="100%" height="100%" fill="#fff"/>` +
    `<text transform="translate(0 ${height * 0.86}) scale(${style.width / style.height} 1)" font-family="${FONT}" ` +
    `font-size="${height}" font-weight="${style.bold ? 700 : 400}" fill="#000">${esc(line)}</text></svg>`;
  const { data, info } = await sharp(Buffer.from(svg))
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const dots = new Uint8Array(info.width * info.height);
  for (let i = 0; i < dots.length; i++) dots[i] = data[i * info.channels]! < 128 ? 1 : 0;
  return { width: info.width, height: info.height, dots };
}

/**
 * Runs a (pure, synchronous) layout twice: first to learn which lines need pictures, then with the
 * pictures drawn. Lines with 4-byte GB18030 characters thus print on printers whose font ROM stops
 * at GBK, and the layouts stay free of I/O.
 */
export async function rasterizedLayout(build: (rasterize: LineRasterizer) => Buffer): Promise<Buffer> {
  const wanted = new Map<string, { line: string; style: LineStyle }>();
  const key = (line: string, s: LineStyle) => `${s.width}x${s.height}${s.bold ? 'b' : ''}|${line}`;
  const first = build((line, style) => {
    wanted.set(key(line, style), { line, style });
    return undefined;
  });
  if (wanted.size === 0) return first;
  const images = new Map<string, MonoImage>();
  for (const [k, { line, style }] of wanted) images.set(k, await renderLineImage(line, style));
  return build((line, style) => images.get(key(line, style)));
}
