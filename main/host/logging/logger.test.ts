import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { exportLogs } from './logExport';
import { FileLog } from './logger';

const tempDir = () => mkdtemp(join(tmpdir(), 'cunban-logs-'));

describe('FileLog', () => {
  it('writes structured lines with names, ID and phone numbers redacted', async () => {
    const dir = await tempDir();
    const log = new FileLog({ dir });
    log.logger('idcard').info('card read for 441622199001011234, call 13812345678', {
      name: '张三丰',
      idNumber: '44162219900101123X',
      photo: 'AAAA',
      nested: { phone: '13900001111', note: 'id 11010519491231002X seen' },
    });
    const text = readFileSync(join(dir, (await readdir(dir))[0]!), 'utf8');
    for (const secret of [
      '张三丰',
      '441622199001011234',
      '13812345678',
      '44162219900101123X',
      '13900001111',
      '11010519491231002X',
      'AAAA',
    ]) {
      expect(text).not.toContain(secret);
    }
    const record = JSON.parse(text.trim());
    expect(record).toMatchObject({ level: 'info', scope: 'idcard' });
    expect(record.msg).toContain('4416**********1234');
    expect(record.fields).toMatchObject({
      name: '张*丰',
      idNumber: '4416**********123X',
      photo: '[redacted]',
    });
  });

  it('rotates by size and prunes files past retention', async () => {
    const dir = await tempDir();
    let now = new Date('2026-01-01T10:00:00Z');
    const log = new FileLog({ dir, maxFileBytes: 400, retentionDays: 183, now: () => now });
    for (let i = 0; i < 10; i++) log.logger().info(`line ${i} ${'x'.repeat(60)}`);
    const names = (await readdir(dir)).sort();
    expect(names.length).toBeGreaterThan(1);
    expect(names).toContain('cunban-2026-01-01.1.log');
    expect(log.recent(3)).toHaveLength(3);
    expect(JSON.parse(log.recent(1)[0]!).msg).toContain('line 9');
    now = new Date('2026-07-05T10:00:00Z'); // 185 days later
    log.logger().info('half a year on');
    expect((await readdir(dir)).sort()).toEqual(['cunban-2026-07-05.log']);
  });

  it('keeps logs exactly as long as retention asks', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'cunban-2026-01-10.log'), '{}\n');
    const log = new FileLog({ dir, retentionDays: 183, now: () => new Date('2026-07-01T00:00:00Z') });
    expect(log.prune()).toBe(0);
    expect(
      new FileLog({ dir, retentionDays: 100, now: () => new Date('2026-07-01T00:00:00Z') }).prune(),
    ).toBe(1);
  });

  it('exports recent logs as one gzip file', async () => {
    const dir = await tempDir();
    const log = new FileLog({ dir });
    log.logger().warn('printer paper low');
    const result = await exportLogs(log, join(dir, 'export'), 7);
    expect(result.files).toBe(1);
    expect(gunzipSync(readFileSync(result.path)).toString()).toContain('printer paper low');
  });
});
