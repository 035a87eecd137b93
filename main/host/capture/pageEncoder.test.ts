import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { encodePage, PageEncodeError } from './pageEncoder';
import { a4Pixels, renderHouseholdPage } from './testing/samplePage';

describe('encodePage', () => {
  it('brings a 300 dpi A4 scan to 200 dpi under 250 KB, keeping colour for the red seal', async () => {
    const png = await renderHouseholdPage(300);
    const page = await encodePage(png, { sourceDpi: 300 });
    const a4 = a4Pixels(200);
    expect(Math.abs(page.width - a4.width)).toBeLessThanOrEqual(2);
    expect(Math.abs(page.height - a4.height)).toBeLessThanOrEqual(2);
    expect(page.jpeg.length).toBeLessThan(250_000);
    expect(page.quality).toBeGreaterThanOrEqual(45);
    expect(page.colour).toBe('colour');
    const meta = await sharp(page.jpeg).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.density).toBe(200);
    const thumb = await sharp(page.thumbnail).metadata();
    expect(Math.max(thumb.width!, thumb.height!)).toBe(320);
  });

  it('lowers quality to meet a tighter budget and uses grey when asked', async () => {
    const png = await renderHouseholdPage(200);
    const roomy = await encodePage(png, { sourceDpi: 200, colour: 'grey' });
    const tight = await encodePage(png, { sourceDpi: 200, colour: 'grey', targetBytes: 150_000 });
    expect(tight.jpeg.length).toBeLessThanOrEqual(150_000);
    expect(tight.quality).toBeLessThan(roomy.quality);
    expect((await sharp(tight.jpeg).metadata()).channels).toBe(1);
  });

  it('judges a plain black-on-white page as grey', async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="560"><rect width="100%" height="100%" fill="#fff"/><text x="20" y="60" font-size="30">村委会证明</text></svg>`;
    const page = await encodePage(await sharp(Buffer.from(svg)).png().toBuffer());
    expect(page.colour).toBe('grey');
  });

  it('scales an oversized camera frame into the 200 dpi A4 box', async () => {
    const big = await sharp({ create: { width: 3000, height: 4000, channels: 3, background: '#eee' } })
      .jpeg()
      .toBuffer();
    const page = await encodePage(big);
    expect(page.height).toBe(2339);
  });

  it('rejects garbage and truncated images with a typed error', async () => {
    await expect(encodePage(Buffer.from('not an image at all'))).rejects.toBeInstanceOf(PageEncodeError);
    const png = await renderHouseholdPage(100);
    await expect(encodePage(png.subarray(0, png.length / 2))).rejects.toMatchObject({
      code: 'unreadable-image',
    });
  });
});
