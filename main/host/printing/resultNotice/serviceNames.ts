import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Villager names of services (高龄老人津贴申请) for printed notices, from the catalogue shipped with
 * the kiosk. An application carries only the service id; a service the catalogue does not know
 * prints under its id rather than not at all.
 */
const CATALOG_DIR = fileURLToPath(new URL('../../../../resources/catalog/', import.meta.url));

let cache: Map<string, string> | undefined;

function load(dir: string): Map<string, string> {
  const names = new Map<string, string>();
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    return names;
  }
  for (const file of files) {
    try {
      const entry = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
        id?: unknown;
        name?: { zh?: unknown };
      };
      if (typeof entry.id === 'string' && typeof entry.name?.zh === 'string')
        names.set(entry.id, entry.name.zh);
    } catch {
      // A broken catalogue file names nothing; the notice falls back to the id.
    }
  }
  return names;
}

export function serviceName(serviceId: string, dir?: string): string {
  if (dir) return load(dir).get(serviceId) ?? serviceId;
  cache ??= load(CATALOG_DIR);
  const names = cache;
  return names.get(serviceId) ?? serviceId;
}
