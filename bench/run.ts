import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchFigure, BenchSuite } from './figure';

/**
 * npm run bench [-- name…]: runs every bench/*.bench.ts (or those whose file name contains one
 * of the given words) one after another and writes bench/report/report.{md,json}.
 */
const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort();

interface SuiteResult {
  file: string;
  title: string;
  issue?: number;
  seconds: number;
  figures: BenchFigure[];
  error?: string;
}

const machine = {
  date: new Date().toISOString(),
  cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
};

const results: SuiteResult[] = [];
for (const file of files) {
  const started = performance.now();
  process.stdout.write(`▶ ${file} … `);
  try {
    const suite = (await import(pathToFileURL(join(here, file)).href)).default as BenchSuite;
    const figures = await suite.run();
    results.push({
      file,
      title: suite.title,
      issue: suite.issue,
      seconds: (performance.now() - started) / 1000,
      figures,
    });
    console.log(`${figures.length} figures in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    results.push({
      file,
      title: file,
      seconds: (performance.now() - started) / 1000,
      figures: [],
      error: String(error),
    });
    console.log(`FAILED: ${error}`);
  }
}

const fmt = (n: number) =>
  Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3);
const lines = [
  '# Cunban benchmark report',
  '',
  `Run ${machine.date} on ${machine.cpus}, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}.`,
  'Each figure is compared with a reference measured in the same run; see bench/README.md.',
  '',
];
for (const r of results) {
  lines.push(`## ${r.title}${r.issue ? ` (issue ${r.issue})` : ''} — ${r.seconds.toFixed(1)} s`, '');
  if (r.error) {
    lines.push(`**Failed:** ${r.error}`, '');
    continue;
  }
  lines.push('| figure | value | reference | ratio | target | met |', '|---|---|---|---|---|---|');
  for (const f of r.figures) {
    const ref = f.reference ? `${f.reference.name}: ${fmt(f.reference.value)} ${f.reference.unit}` : '';
    const met = f.pass === undefined ? '' : f.pass ? 'yes' : '**no**';
    lines.push(
      `| ${f.name} | ${fmt(f.value)} ${f.unit} | ${ref} | ${f.ratio === undefined ? '' : fmt(f.ratio)} | ${f.target ?? ''} | ${met} |`,
    );
  }
  const notes = r.figures.filter((f) => f.note).map((f) => `- ${f.name}: ${f.note}`);
  if (notes.length) lines.push('', ...notes);
  lines.push('');
}
const outDir = join(here, 'report');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'report.md'), `${lines.join('\n')}\n`);
writeFileSync(join(outDir, 'report.json'), `${JSON.stringify({ machine, results }, null, 2)}\n`);
console.log(`\nreport: ${join(outDir, 'report.md')}`);
const failedTargets = results.flatMap((r) =>
  r.figures.filter((f) => f.pass === false).map((f) => `${r.title}: ${f.name}`),
);
if (failedTargets.length) console.log(`targets not met:\n  ${failedTargets.join('\n  ')}`);
process.exit(results.some((r) => r.error) ? 1 : 0);
