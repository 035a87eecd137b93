import sharp from 'sharp';

/**
 * A synthetic 居民户口簿 (household register) page: a ruled form with CJK labels, made-up
 * entries, a red seal and a little paper tint, so the image pipeline sees what it will see in a
 * village: thin lines, small print, one colour element. All names and numbers are invented.
 */
const A4_MM = { width: 210, height: 297 } as const;

const rows: Array<[string, string]> = [
  ['户别', '农业家庭户口'],
  ['户主姓名', '张三丰'],
  ['住址', '示例省示例县青山镇石门村三组十二号'],
  ['姓名', '李小梅'],
  ['与户主关系', '妻'],
  ['性别', '女'],
  ['民族', '汉族'],
  ['出生日期', '1968年03月12日'],
  ['籍贯', '示例省示例县'],
  ['公民身份号码', '000000196803120000'],
  ['文化程度', '初中'],
  ['婚姻状况', '已婚'],
  ['服务处所', '务农'],
  ['何时由何地迁来本址', '1990年05月 本县石门村'],
];

export function householdPageSvg(): string {
  const w = A4_MM.width;
  const left = 20;
  const right = w - 20;
  const split = 80;
  const top = 52;
  const rowH = 12.5;
  const lines: string[] = [];
  rows.forEach(([label, value], i) => {
    const y = top + i * rowH;
    lines.push(`<line x1="${left}" y1="${y}" x2="${right}" y2="${y}" stroke="#222" stroke-width="0.35"/>`);
    lines.push(`<text x="${left + 3}" y="${y + 9}" font-size="5">${label}</text>`);
    lines.push(
      `<text x="${split + 4}" y="${y + 9}" font-size="5.2" font-family="Noto Serif CJK SC">${value}</text>`,
    );
  });
  const bottom = top + rows.length * rowH;
  const notes = Array.from(
    { length: 5 },
    (_, i) =>
      `<text x="${left}" y="${bottom + 14 + i * 7}" font-size="3.4">注${i + 1}：事项如有变动，应及时到户口登记机关申报变更登记，不得涂改。</text>`,
  ).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}mm" height="${A4_MM.height}mm" viewBox="0 0 ${w} ${A4_MM.height}">
  <rect width="100%" height="100%" fill="#f7f3e8"/>
  <g font-family="Noto Sans CJK SC" fill="#1a1a1a">
    <text x="${w / 2}" y="30" font-size="10" text-anchor="middle" font-weight="bold">常住人口登记卡</text>
    <text x="${left}" y="44" font-size="4">户号：00000123　　登记日期：2019年07月01日</text>
    <rect x="${left}" y="${top}" width="${right - left}" height="${bottom - top}" fill="none" stroke="#222" stroke-width="0.6"/>
    <line x1="${split}" y1="${top}" x2="${split}" y2="${bottom}" stroke="#222" stroke-width="0.35"/>
    ${lines.join('\n    ')}
    ${notes}
    <circle cx="${right - 30}" cy="${bottom - 10}" r="17" fill="none" stroke="#c8161d" stroke-width="1.2"/>
    <text x="${right - 30}" y="${bottom - 8.5}" font-size="4.2" fill="#c8161d" text-anchor="middle">户口专用章</text>
  </g>
</svg>`;
}

/** Pixel size of an A4 page at `dpi`. */
export function a4Pixels(dpi: number): { width: number; height: number } {
  return {
    width: Math.round((A4_MM.width / 25.4) * dpi),
    height: Math.round((A4_MM.height / 25.4) * dpi),
  };
}

/** The sample page as a PNG at `dpi` (what a scanner would hand over, lossless). */
export async function renderHouseholdPage(dpi = 200): Promise<Buffer> {
  const { width, height } = a4Pixels(dpi);
  return sharp(Buffer.from(householdPageSvg()), { density: dpi })
    .resize(width, height, { fit: 'fill' })
    .flatten({ background: '#ffffff' })
    .png({ compressionLevel: 1 })
    .toBuffer();
}
