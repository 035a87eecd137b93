import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from './loadConfig';

const production = {
  profile: 'production',
  site: { name: '石角镇便民服务中心', divisionCode: '441881102201', siteCode: 'SJ0001' },
  county: { url: 'https://county.example.gov.cn' },
  devices: { idCardReader: { transport: 'serial', path: '/dev/ttyUSB0' } },
};

describe('kiosk config', () => {
  it('fills defaults for a minimal production file', () => {
    const config = parseConfig(JSON.stringify(production), 'k.json');
    expect(config.devices.idCardReader).toEqual({
      transport: 'serial',
      path: '/dev/ttyUSB0',
      baudRate: 115200,
    });
    expect(config.timeouts.idleSeconds).toBe(90);
    expect(config.retention).toEqual({ personalDataDays: 30, logDays: 183 });
  });

  it('names the bad key in the error', () => {
    const bad = {
      ...production,
      devices: { idCardReader: { transport: 'serial', path: '/dev/ttyUSB0', baudRate: 'fast' } },
    };
    expect(() => parseConfig(JSON.stringify(bad), 'k.json')).toThrow(/devices\.idCardReader\.baudRate/);
    expect(() =>
      parseConfig(
        JSON.stringify({ ...production, site: { ...production.site, divisionCode: '4418' } }),
        'k.json',
      ),
    ).toThrow(/site\.divisionCode: must be the 12-digit/);
    expect(() => parseConfig(JSON.stringify({ ...production, surprise: 1 }), 'k.json')).toThrow(/surprise/);
  });

  it('refuses plain http to a remote county and keeps log retention at six months or more', () => {
    expect(() =>
      parseConfig(JSON.stringify({ ...production, county: { url: 'http://10.1.1.1' } }), 'k.json'),
    ).toThrow(/county\.url/);
    expect(() =>
      parseConfig(JSON.stringify({ ...production, retention: { logDays: 30 } }), 'k.json'),
    ).toThrow(/retention\.logDays/);
  });

  it('never lets a production kiosk use simulated devices', () => {
    const sim = { ...production, devices: { receiptPrinter: { transport: 'simulated' } } };
    expect(() => parseConfig(JSON.stringify(sim), 'k.json')).toThrow(
      /devices\.receiptPrinter: simulated devices/,
    );
  });

  it('reports broken JSON and gives the demo profile only when no file exists yet', async () => {
    expect(() => parseConfig('{ not json', 'k.json')).toThrow(ConfigError);
    const dir = await mkdtemp(join(tmpdir(), 'cunban-config-'));
    const missing = join(dir, 'kiosk.json');
    await expect(loadConfig(missing)).resolves.toMatchObject({ config: { profile: 'demo' } });
    await expect(loadConfig(missing, { required: true })).rejects.toThrow(ConfigError);
    await writeFile(missing, JSON.stringify(production));
    await expect(loadConfig(missing)).resolves.toMatchObject({
      config: { profile: 'production' },
      source: missing,
    });
  });
});
