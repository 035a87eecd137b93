// The Linux kiosk session: a systemd user unit that keeps the app running under cage.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const linux = join(dirname(fileURLToPath(import.meta.url)), 'linux');

/** Parses a systemd unit into section → key → values (keys may repeat). */
function parseUnit(text: string): Map<string, Map<string, string[]>> {
  const sections = new Map<string, Map<string, string[]>>();
  let current: Map<string, string[]> | undefined;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    const header = /^\[([A-Za-z]+)\]$/.exec(line);
    if (header) {
      current = new Map();
      sections.set(header[1] as string, current);
      return;
    }
    const pair = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (!pair || !current) throw new Error(`line ${i + 1} is not KEY=value inside a section: ${line}`);
    const [, key = '', value = ''] = pair;
    current.set(key, [...(current.get(key) ?? []), value]);
  });
  return sections;
}

describe('cunban-kiosk.service', () => {
  const unit = parseUnit(readFileSync(join(linux, 'cunban-kiosk.service'), 'utf8'));
  const service = unit.get('Service');

  it('has Unit, Service and Install sections', () => {
    expect([...unit.keys()]).toEqual(['Unit', 'Service', 'Install']);
    expect(unit.get('Install')?.get('WantedBy')).toEqual(['default.target']);
  });

  it('runs the app under cage without VT switching and restarts it always', () => {
    const exec = service?.get('ExecStart')?.[0] ?? '';
    const argv = exec.split(/\s+/);
    expect(argv[0]).toBe('/usr/bin/cage');
    expect(argv).not.toContain('-s');
    expect(argv.slice(argv.indexOf('--') + 1)[0]).toBe('/usr/bin/cunban');
    expect(service?.get('Restart')).toEqual(['always']);
    expect(Number(service?.get('RestartSec')?.[0])).toBeGreaterThan(0);
  });
});

describe('cunban-kiosk-session.sh', () => {
  it('is valid sh and starts the unit after importing the session environment', () => {
    const file = join(linux, 'cunban-kiosk-session.sh');
    expect(spawnSync('sh', ['-n', file]).status).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text.indexOf('import-environment XDG_SESSION_ID')).toBeLessThan(
      text.indexOf('start cunban-kiosk'),
    );
  });
});
