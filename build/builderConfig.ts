// Loads electron-builder.yml for the build tests, typed with just the fields they check.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface TargetEntry {
  target: string;
  arch: string[];
}

export interface BuilderConfig {
  appId: string;
  productName: string;
  extraMetadata: { main: string };
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
  publish: { provider: string; url: string }[];
  linux: {
    executableName: string;
    target: TargetEntry[];
    extraResources: { from: string; to: string; filter: string[] }[];
  };
  win: { icon: string; target: TargetEntry[] };
  deb: { afterInstall: string; afterRemove: string };
}

export function loadBuilderConfig(): BuilderConfig {
  return load(readFileSync(join(projectRoot, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
}
