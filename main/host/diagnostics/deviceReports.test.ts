import { describe, expect, it } from 'vitest';
import { deviceReports } from './deviceReports';

describe('deviceReports', () => {
  it('turns service states into words, naming simulators and faults', () => {
    const reports = deviceReports({
      profile: 'demo',
      version: '0',
      startedAt: '',
      uptimeSeconds: 1,
      services: [
        { name: 'idcard', state: 'running' },
        { name: 'printer', state: 'degraded', message: 'paper out', messageZh: '打印机缺纸' },
      ],
      simulatedDevices: ['idcard'],
    });
    const byName = Object.fromEntries(reports.map((r) => [r.name, r]));
    expect(byName.idcard).toMatchObject({ state: 'ok', detailZh: expect.stringContaining('模拟') });
    expect(byName.printer).toMatchObject({
      state: 'fault',
      detail: 'paper out',
      detailZh: expect.stringContaining('缺纸'),
    });
    expect(byName.scanner?.state).toBe('absent');
  });
});
