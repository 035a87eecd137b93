import { describe, expect, it } from 'vitest';
import { hashClerkPin, verifyClerkPin } from './clerkPin';
import { applicationDocument } from './documents';
import { enrollmentCode, enrollRequest } from './enrollment';
import { serviceDocument } from './forms';
import { validateFormValues } from './formValues';
import { isValidIdNumber, maskIdNumber, maskName, maskPhone } from './idNumber';
import { formatTrackingNumber, newUuidV7, parseTrackingNumber, UUID_V7_PATTERN } from './ids';
import { pushRequest } from './replication';

const service = serviceDocument.parse({
  id: 'T1',
  version: 1,
  name: { zh: '测试' },
  department: 'x',
  summary: '',
  eligibility: '',
  regions: ['*'],
  legalTimeLimitDays: null,
  promisedTimeLimitDays: 5,
  fee: { amountYuan: 0 },
  resultCollection: ['window'],
  materials: [],
  form: {
    fields: [
      { id: 'name', type: 'text', label: { zh: '姓名' }, required: true, maxLength: 5 },
      { id: 'idNumber', type: 'idNumber', label: { zh: '身份证' }, required: true },
      { id: 'n', type: 'number', label: { zh: '人口' }, integer: true, min: 1, max: 9 },
      { id: 'c', type: 'singleChoice', label: { zh: 'c' }, options: [{ value: 'a', label: { zh: 'A' } }] },
      { id: 'd', type: 'date', label: { zh: 'd' } },
    ],
  },
});

describe('ids', () => {
  it('makes UUIDv7 ids that sort by time', () => {
    const a = newUuidV7(1_700_000_000_000);
    const b = newUuidV7(1_700_000_000_001);
    expect(a).toMatch(UUID_V7_PATTERN);
    expect(a < b).toBe(true);
  });
  it('formats and parses tracking numbers in Shanghai time', () => {
    const t = formatTrackingNumber('44162520000101', new Date('2026-11-29T17:00:00Z'), 7);
    expect(t).toBe('44162520000101-20261130-0007');
    expect(parseTrackingNumber(t)).toEqual({ site: '44162520000101', date: '20261130', sequence: 7 });
    expect(parseTrackingNumber('4416-1')).toBeNull();
    expect(() => formatTrackingNumber('441625', new Date(), 1)).toThrow(RangeError);
    expect(() => formatTrackingNumber('44162520000101', new Date(), 10_000)).toThrow(RangeError);
  });
  it('checks ID numbers and masks personal data', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('garbage')).toBe(false);
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳小明')).toBe('欧**明');
    expect(maskPhone('13800138000')).toBe('138****8000');
  });
});

describe('form values', () => {
  it('accepts a valid set and reports each problem by field', () => {
    expect(
      validateFormValues(service, { name: '张三', idNumber: '11010519491231002X', n: 3, c: 'a' }),
    ).toEqual([]);
    const problems = validateFormValues(service, {
      name: '名字太长了吧啊',
      idNumber: '110105194912310021',
      n: 2.5,
      c: 'z',
      d: 'yesterday',
      extra: 1,
    });
    expect(problems.map((p) => `${p.field}:${p.code}`).sort()).toEqual([
      'c:option',
      'd:type',
      'extra:unknownField',
      'idNumber:pattern',
      'n:type',
      'name:range',
    ]);
    expect(validateFormValues(service, {})).toEqual([
      { field: 'name', code: 'required' },
      { field: 'idNumber', code: 'required' },
    ]);
  });
});

describe('schemas', () => {
  it('normalises enrollment codes and refuses private keys', () => {
    expect(enrollmentCode.parse('abcd-efgh-jk12')).toBe('ABCDEFGHJK12');
    expect(enrollmentCode.safeParse('ABCD-EFGH-JKI2').success).toBe(false);
    const base = {
      code: 'ABCDEFGHJK12',
      alg: 'ES256',
      appVersion: '1',
      publicKey: { kty: 'EC', crv: 'P-256', x: 'a'.repeat(43), y: 'b'.repeat(43) },
    };
    expect(enrollRequest.safeParse(base).success).toBe(true);
    expect(
      enrollRequest.safeParse({ ...base, publicKey: { ...base.publicKey, d: 'secret-private-part' } })
        .success,
    ).toBe(false);
  });
  it('bounds push batches and requires ids', () => {
    expect(pushRequest.safeParse([]).success).toBe(false);
    expect(pushRequest.safeParse([{ newDocumentState: {} }]).success).toBe(false);
    expect(
      pushRequest.safeParse(Array.from({ length: 101 }, () => ({ newDocumentState: { id: 'x' } }))).success,
    ).toBe(false);
    expect(
      pushRequest.safeParse([{ assumedMasterState: null, newDocumentState: { id: 'x', a: 1 } }]).success,
    ).toBe(true);
  });
  it('rejects an application with a malformed tracking number', () => {
    const r = applicationDocument.safeParse({ id: newUuidV7(), trackingNumber: '1' });
    expect(r.success).toBe(false);
  });
});

describe('clerk PIN', () => {
  it('verifies the right PIN only', async () => {
    const h = await hashClerkPin('246810', 2000);
    expect(await verifyClerkPin('246810', h)).toBe(true);
    expect(await verifyClerkPin('246811', h)).toBe(false);
    expect(await verifyClerkPin('246810', 'md5$abc')).toBe(false);
  });
});
