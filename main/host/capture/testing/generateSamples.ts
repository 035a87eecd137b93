/**
 * Regenerates resources/samples/ (run: npx tsx main/host/capture/testing/generateSamples.ts).
 * The files are committed so the demo and Chromium's fake camera need no build step.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { renderCameraFrame } from './cameraSample';
import { renderHouseholdPage } from './samplePage';

const samples = join(dirname(fileURLToPath(import.meta.url)), '../../../../resources/samples');

async function main() {
  await mkdir(samples, { recursive: true });
  const page = await sharp(await renderHouseholdPage(100))
    .jpeg({ quality: 80 })
    .toBuffer();
  await writeFile(join(samples, 'household-register-a4-100dpi.jpg'), page);
  // An MJPEG file for --use-file-for-fake-video-capture is a run of JPEG frames; one frame
  // loops as a still scene, which is what a document camera shows while the page lies still.
  await writeFile(join(samples, 'document-camera.mjpeg'), await renderCameraFrame());
  console.log(`samples written to ${samples}`);
}

await main();
