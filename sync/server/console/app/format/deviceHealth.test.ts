import { describe, expect, it } from 'vitest';
import type { Heartbeat } from '../../../../protocol/heartbeat';
import { connectivity, peripheralLines, queueSummary } from './deviceHealth';

const beat = (over: Partial<Heartbeat> = {}): Heartbeat => ({
  appVersion: '0.1.0',
  uptimeSeconds: 60,
  queue: { documents: 0, files: 0, bytesPending: 0 },
  devices: {},
  disk: { freeBytes: 1, totalBytes: 2 },
  lastSyncAt: null,
  ...over,
});

describe('device health', () => {
  it('tells online from offline by the last heartbeat, and revoked wins', () => {
    const now = Date.parse('2026-11-29T12:00:00Z');
    expect(connectivity({ lastSeenAt: '2026-11-29T11:59:00Z', revokedAt: null }, now)).toBe('online');
    expect(connectivity({ lastSeenAt: '2026-11-29T11:50:00Z', revokedAt: null }, now)).toBe('offline');
    expect(connectivity({ lastSeenAt: null, revokedAt: null }, now)).toBe('never');
    expect(connectivity({ lastSeenAt: '2026-11-29T11:59:00Z', revokedAt: '2026-11-29T11:59:30Z' }, now)).toBe(
      'revoked',
    );
  });

  it('lists faulty peripherals first, in words', () => {
    const lines = peripheralLines(
      beat({
        devices: {
          printer: { state: 'ok' },
          idcard: { state: 'fault', detail: 'SAM timeout' },
          fax: { state: 'absent' },
        },
      }),
    );
    expect(lines.map((l) => `${l.name}:${l.words}`)).toEqual([
      '身份证读卡器:故障',
      'fax:未连接',
      '凭条打印机:正常',
    ]);
    expect(lines[0]?.detail).toBe('SAM timeout');
    expect(peripheralLines(null)).toEqual([]);
  });

  it('summarises the upload queue', () => {
    expect(queueSummary(beat())).toBe('已全部上传');
    expect(queueSummary(beat({ queue: { documents: 3, files: 5, bytesPending: 9 } }))).toBe(
      '3 份资料、5 个文件待上传',
    );
    expect(queueSummary(null)).toBe('—');
  });
});
