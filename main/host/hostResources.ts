import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Outbox, openOutbox } from './capture/outbox';
import type { HostPaths } from './paths';
import { type DataKeyProvider, keyFileDataKey } from './secure/dataKey';

/**
 * Things several host services share: the data key (Electron passes one backed by safeStorage,
 * the browser host a 0600 key file) and the encrypted outbox, opened once.
 */
export interface HostResources {
  readonly paths: HostPaths;
  readonly dataKey: DataKeyProvider;
  outbox(): Promise<Outbox>;
}

export function hostResources(paths: HostPaths, dataKey?: DataKeyProvider): HostResources {
  // Keys live in their own 0700 folder; the key file itself is 0600.
  mkdirSync(paths.keys, { recursive: true, mode: 0o700 });
  const key = dataKey ?? keyFileDataKey(join(paths.keys, 'data.key'));
  let outbox: Promise<Outbox> | undefined;
  return {
    paths,
    dataKey: key,
    outbox() {
      outbox ??= openOutbox(paths.outbox, key).then(async (opened) => {
        await opened.sweep(); // leftovers of writes a power cut interrupted
        return opened;
      });
      return outbox;
    },
  };
}
