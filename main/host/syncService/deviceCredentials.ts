import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeviceKeyMaterial } from '../../../sync/client/deviceKey';
import type { SiteIdentity } from '../journal/applicationFactory';
import { writeFileAtomic } from '../secure/atomicFile';
import type { Sealer } from '../secure/sealedBox';

/**
 * What enrollment leaves on the kiosk: the device id, the site, the token audience and the
 * device's private key. Stored sealed with the data key (the private key must never be readable
 * from the disk alone) in `paths.keys/device.sealed`. Provisioning writes it; the queue reads it.
 */
export interface DeviceCredentials extends SiteIdentity {
  audience: string;
  key: DeviceKeyMaterial;
}

const FILE = 'device.sealed';
const AAD = Buffer.from('cunban-device-credentials-v1');

export async function saveDeviceCredentials(
  keysDir: string,
  sealer: Sealer,
  credentials: DeviceCredentials,
  file = FILE,
): Promise<void> {
  await writeFileAtomic(
    join(keysDir, file),
    sealer.seal(Buffer.from(JSON.stringify(credentials)), AAD),
    0o600,
  );
}

/** Null when the kiosk has not been enrolled yet (a demo kiosk, or before provisioning). */
export async function loadDeviceCredentials(
  keysDir: string,
  sealer: Sealer,
  file = FILE,
): Promise<DeviceCredentials | null> {
  let sealed: Buffer;
  try {
    sealed = await readFile(join(keysDir, file));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  return JSON.parse(sealer.open(sealed, AAD).toString('utf8')) as DeviceCredentials;
}
