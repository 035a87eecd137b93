#!/usr/bin/env node
/**
 * Makes the recorded voice prompts (used when the kiosk has no Chinese Web Speech voice) from
 * prompts.json with espeak-ng. Run by hand after changing a prompt text:
 *   node resources/voice/generatePrompts.mjs
 *
 * The files are telephone quality on purpose (8 kHz, 8-bit mono WAV, silence trimmed): speech
 * stays intelligible and the whole set stays around a megabyte. No sox or ffmpeg on the build
 * machines, so the resampling is done here.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const prompts = JSON.parse(readFileSync(join(here, 'prompts.json'), 'utf8'));
const TARGET_RATE = 8000;

/** Reads the 16-bit mono PCM samples of the WAV espeak-ng writes to stdout. */
function readPcm16(wav) {
  let offset = 12;
  let rate = 22050;
  while (offset + 8 <= wav.length) {
    const id = wav.toString('ascii', offset, offset + 4);
    let size = wav.readUInt32LE(offset + 4);
    if (id === 'fmt ') rate = wav.readUInt32LE(offset + 12);
    if (id === 'data') {
      // espeak-ng streaming to stdout leaves the size unset (0 or 0xffffffff).
      if (size === 0 || size === 0xffffffff || offset + 8 + size > wav.length) size = wav.length - offset - 8;
      const samples = new Float32Array(Math.floor(size / 2));
      for (let i = 0; i < samples.length; i++) samples[i] = wav.readInt16LE(offset + 8 + i * 2) / 32768;
      return { rate, samples };
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error('no data chunk');
}

function trimSilence(samples, threshold = 0.01) {
  let start = 0;
  let end = samples.length;
  while (start < end && Math.abs(samples[start]) < threshold) start++;
  while (end > start && Math.abs(samples[end - 1]) < threshold) end--;
  return samples.subarray(Math.max(0, start - 200), Math.min(samples.length, end + 400));
}

/** Box-filter then linear interpolation: enough anti-aliasing for a synthetic voice. */
function resample(samples, fromRate, toRate) {
  const ratio = fromRate / toRate;
  const width = Math.max(1, Math.round(ratio));
  const out = new Float32Array(Math.floor(samples.length / ratio));
  for (let i = 0; i < out.length; i++) {
    const center = i * ratio;
    let sum = 0;
    let n = 0;
    for (let k = Math.floor(center - width / 2); k <= Math.floor(center + width / 2); k++) {
      if (k >= 0 && k < samples.length) {
        sum += samples[k];
        n++;
      }
    }
    out[i] = n ? sum / n : 0;
  }
  return out;
}

function wav8(samples, rate) {
  const data = Buffer.alloc(samples.length);
  for (let i = 0; i < samples.length; i++) {
    data[i] = Math.max(0, Math.min(255, Math.round(samples[i] * 127 + 128)));
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate, 28); // byte rate
  header.writeUInt16LE(1, 32); // block align
  header.writeUInt16LE(8, 34); // bits
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

let total = 0;
for (const [key, text] of Object.entries(prompts)) {
  const raw = execFileSync('espeak-ng', ['-v', 'cmn', '-s', '165', '--stdout', text]);
  const { rate, samples } = readPcm16(raw);
  const file = wav8(resample(trimSilence(samples), rate, TARGET_RATE), TARGET_RATE);
  writeFileSync(join(here, `${key}.wav`), file);
  total += file.length;
  console.log(`${key}.wav ${file.length} bytes`);
}
console.log(`total ${total} bytes`);
