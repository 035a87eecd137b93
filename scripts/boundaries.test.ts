import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The architecture's "must" boundaries, checked on every test run:
 * - only main/shell/ imports electron;
 * - drivers/ and sync/ import nothing from main/ or renderer/;
 * - contract/ imports nothing from main/, renderer/, drivers' runtime code or Node built-ins;
 * - renderer/ imports no Node built-ins and nothing from main/ (it talks to the host only
 *   through the contract).
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = /\.(ts|tsx|mts|cts|mjs|js)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'release', '.git', '.data']);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name)) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (SOURCE.test(name)) out.push(full);
  }
  return out;
}

const IMPORT =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

function importsOf(text: string): string[] {
  const specs: string[] = [];
  for (const m of text.matchAll(IMPORT)) specs.push((m[1] ?? m[2] ?? m[3] ?? m[4])!);
  return specs;
}

const SELF = fileURLToPath(import.meta.url);
const files = sourceFiles(root)
  .filter((file) => file !== SELF) // its own sample strings are not imports
  .map((file) => ({
    file,
    path: relative(root, file).split(sep).join('/'),
    specs: importsOf(readFileSync(file, 'utf8')),
  }));
const isTest = (path: string) =>
  /\.test\.tsx?$/.test(path) || path.startsWith('e2e/') || path.startsWith('bench/');
/** Repository-relative folder an import resolves to, or null for packages. */
const target = (from: string, spec: string) =>
  spec.startsWith('.')
    ? relative(root, resolve(dirname(from), spec))
        .split(sep)
        .join('/')
    : null;

function violations(
  filter: (path: string) => boolean,
  forbidden: (spec: string, resolved: string | null) => boolean,
) {
  return files
    .filter((f) => filter(f.path))
    .flatMap((f) =>
      f.specs.filter((s) => forbidden(s, target(f.file, s))).map((s) => `${f.path} imports ${s}`),
    );
}

describe('architecture boundaries', () => {
  it('finds the source tree (the check itself works)', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(importsOf("import { app } from 'electron';\nconst x = require('electron');")).toEqual([
      'electron',
      'electron',
    ]);
    expect(importsOf("import type { A } from '../main/host/x';")).toEqual(['../main/host/x']);
  });

  it('only main/shell/ imports electron', () => {
    expect(
      violations(
        (p) => !p.startsWith('main/shell/'),
        (s) => s === 'electron' || s.startsWith('electron/'),
      ),
    ).toEqual([]);
  });

  it('drivers/ and sync/ import nothing from main/ or renderer/', () => {
    expect(
      violations(
        (p) => p.startsWith('drivers/') || p.startsWith('sync/'),
        (_s, t) => !!t && (t.startsWith('main/') || t.startsWith('renderer/')),
      ),
    ).toEqual([]);
  });

  it('contract/ is pure: no host, renderer or Node imports', () => {
    expect(
      violations(
        (p) => p.startsWith('contract/') && !isTest(p) && !p.endsWith('bindingSuite.ts'),
        (s, t) => s.startsWith('node:') || (!!t && (t.startsWith('main/') || t.startsWith('renderer/'))),
      ),
    ).toEqual([]);
  });

  it('renderer/ reaches the host only through the contract and uses no Node built-ins', () => {
    expect(
      violations(
        (p) => p.startsWith('renderer/') && !isTest(p) && !p.endsWith('vite.config.ts'),
        (s, t) =>
          s.startsWith('node:') ||
          ['fs', 'child_process', 'net', 'serialport', 'node-hid'].includes(s) ||
          (!!t && t.startsWith('main/')),
      ),
    ).toEqual([]);
  });
});
