import { describe, expect, it } from 'vitest';
import {
  fieldValueText,
  formatAgo,
  formatBytes,
  formatDateTime,
  formatFormValue,
  genderLabel,
  maskIdNumber,
  maskPhone,
  townOf,
} from './formatters';

describe('formatters', () => {
  it('shows times in China Standard Time whatever the machine zone', () => {
    expect(formatDateTime('2026-11-29T16:05:00Z')).toBe('2026-11-30 00:05');
    expect(formatDateTime('2026-03-01T01:02:00+08:00')).toBe('2026-03-01 01:02');
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('not a date')).toBe('—');
  });

  it('says how long ago in words', () => {
    const now = Date.parse('2026-11-29T12:00:00Z');
    expect(formatAgo('2026-11-29T11:59:30Z', now)).toBe('刚刚');
    expect(formatAgo('2026-11-29T11:55:00Z', now)).toBe('5分钟前');
    expect(formatAgo('2026-11-29T09:00:00Z', now)).toBe('3小时前');
    expect(formatAgo('2026-11-27T12:00:00Z', now)).toBe('2天前');
    expect(formatAgo('2026-01-01T00:00:00Z', now)).toBe('2026-01-01');
    expect(formatAgo(null, now)).toBe('从未');
  });

  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MB');
    expect(formatBytes(-1)).toBe('—');
  });

  it('masks ID and phone numbers', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('123456')).toBe('******');
    expect(maskPhone('13800138000')).toBe('138****8000');
  });

  it('reads towns and genders from codes', () => {
    expect(townOf('441625200001')).toBe('441625200');
    expect(genderLabel('2')).toBe('女');
    expect(genderLabel(undefined)).toBe('—');
  });

  it('formats structured form values', () => {
    expect(formatFormValue({ division: '441625200001', detail: '下蓝村3号' })).toBe(
      '下蓝村3号（区划 441625200001）',
    );
    expect(formatFormValue({ holder: '蓝阿婆', account: '6221880012345678', bank: '东源农商银行' })).toBe(
      '蓝阿婆 · 东源农商银行 · 6221880012345678',
    );
    expect(formatFormValue(['a', 'b'])).toBe('a、b');
    expect(formatFormValue(true)).toBe('是');
    expect(formatFormValue('')).toBe('—');
    expect(formatFormValue(80)).toBe('80');
  });
});

describe('field values', () => {
  const gender = {
    type: 'singleChoice',
    options: [
      { value: '1', label: { zh: '男' } },
      { value: '2', label: { zh: '女' } },
    ],
  };
  it('shows choice codes as the option the applicant chose', () => {
    expect(fieldValueText(gender, '2')).toBe('女');
    expect(fieldValueText({ ...gender, type: 'multipleChoice' }, ['1', '2'])).toBe('男、女');
    expect(fieldValueText(gender, '7')).toBe('7');
  });

  it('never prints a signature hash', () => {
    expect(fieldValueText({ type: 'signature' }, 'a'.repeat(64))).toBe('已签名');
    expect(fieldValueText(undefined, 'x')).toBe('x');
  });
});
