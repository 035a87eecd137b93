// Run once (`npx tsx build/makeIcons.ts`) to regenerate the PNG icon set electron-builder reads:
// build/icons/<size>x<size>.png for Linux and build/icon.png (512 px) for the Windows .ico.
// The PNGs are committed; this script exists so the icon can be changed without a design tool.
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const here = dirname(fileURLToPath(import.meta.url));
const sizes = [16, 32, 48, 64, 128, 256, 512];

// A red seal-like rounded square with the character 村, drawn as SVG so every size is crisp.
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
  <rect x="16" y="16" width="480" height="480" rx="96" fill="#c8102e"/>
  <rect x="48" y="48" width="416" height="416" rx="72" fill="none" stroke="#ffffff" stroke-width="20"/>
  <text x="256" y="350" font-family="Noto Sans CJK SC, Noto Sans CJK, sans-serif" font-size="280"
        font-weight="700" fill="#ffffff" text-anchor="middle">村</text>
</svg>`;

async function main(): Promise<void> {
  await mkdir(join(here, 'icons'), { recursive: true });
  for (const size of sizes) {
    await sharp(Buffer.from(svg))
      .resize(size, size)
      .png({ compressionLevel: 9, palette: size <= 64 })
      .toFile(join(here, 'icons', `${size}x${size}.png`));
  }
  await sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toFile(join(here, 'icon.png'));
}

await main();
