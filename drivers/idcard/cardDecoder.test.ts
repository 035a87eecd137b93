import { describe, expect, it } from 'vitest';
import { isExpired, parseCardDate } from './cardDates';
import { decodeCardText, detectCardType } from './cardDecoder';
import { nationFromCode, sexFromCode } from './codeTables';
import { checkIdNumber, idCheckDigit } from './idNumber';
import { randomBytes, seededRandom } from './seededRandom';
import { CARD_FIXTURES, encodeFixtureText, findFixture } from './simulator/cardFixtures';
import { decodeUcs2Field, encodeUcs2Field } from './ucs2Text';

const now = new Date('2026-11-29T12:00:00Z');
const decode = (id: string, appendedAddress?: string) =>
  decodeCardText(encodeFixtureText(findFixture(id)), { now, appendedAddress });

describe('GB 11643 check digit', () => {
  it.each(['11010519491231002X', '440524188001010014', '932682198501010017', '911124198108030024'])(
    'accepts the published example %s',
    (id) => expect(checkIdNumber(id)).toEqual({ ok: true }),
  );
  it('reports a wrong check digit with the expected one, and bad formats', () => {
    expect(checkIdNumber('440524188001010015')).toEqual({ ok: false, reason: 'check-digit', expected: '4' });
    expect(checkIdNumber('44052418800101001')).toEqual({ ok: false, reason: 'format' });
    expect(checkIdNumber('44052418800101001x')).toEqual({ ok: false, reason: 'format' });
    expect(idCheckDigit('abc')).toBeNull();
  });
  it('every bundled fixture except the deliberately wrong one carries a valid number', () => {
    for (const f of CARD_FIXTURES) {
      if (f.type === 'I' || f.type === 'not-id-card') continue;
      expect(checkIdNumber(f.idNumber).ok, f.id).toBe(f.id !== 'liu-xiaohong-bad-check');
    }
  });
});

describe('text fields', () => {
  it('UCS-2LE trims space and NUL padding', () => {
    const b = encodeUcs2Field('王美娜', 30);
    expect(decodeUcs2Field(b, 0, 30)).toBe('王美娜');
    const nul = new Uint8Array(30);
    nul.set(encodeUcs2Field('王', 2));
    expect(decodeUcs2Field(nul, 0, 30)).toBe('王');
    expect(decodeUcs2Field(b, 28, 10)).toBe(''); // runs off the end: no throw
  });
  it('dates, 长期 and expiry', () => {
    expect(parseCardDate('20350610')).toEqual({ kind: 'date', iso: '2035-06-10' });
    expect(parseCardDate('长期')).toEqual({ kind: 'long-term' });
    expect(parseCardDate('20230230').kind).toBe('invalid');
    expect(isExpired({ kind: 'long-term' }, now)).toBe(false);
    expect(isExpired({ kind: 'date', iso: '2026-11-29' }, now)).toBe(false);
    expect(isExpired({ kind: 'date', iso: '2026-11-28' }, now)).toBe(true);
  });
  it('code tables keep unknown codes raw', () => {
    expect(sexFromCode('2')).toEqual({ code: '2', label: '女' });
    expect(sexFromCode('7')).toEqual({ code: '7', label: null });
    expect(nationFromCode('06')).toEqual({ code: '06', label: '苗族' });
    expect(nationFromCode('97')).toEqual({ code: '97', label: '其他' });
    expect(nationFromCode('99')).toEqual({ code: '99', label: null });
  });
});

describe('decodeCardText', () => {
  it('decodes a resident card', () => {
    const c = decode('li-xiuying');
    expect(c).toMatchObject({
      cardType: 'resident',
      name: '李秀英',
      sex: { code: '2', label: '女' },
      nation: { code: '01', label: '汉族' },
      birthDate: { kind: 'date', iso: '1965-03-12' },
      address: '河北省保定市阜平县龙泉关镇骆驼湾村12号',
      addressSource: 'card',
      idNumber: '130624196503121227',
      idNumberValid: true,
      issuingAuthority: '阜平县公安局',
      validTo: { kind: 'date', iso: '2035-06-10' },
      expired: false,
      warnings: [],
    });
  });
  it('uses the appended address when there is one', () => {
    const c = decode('wang-jianguo', '贵州省黔东南苗族侗族自治州丹寨县兴仁镇排倒村5组');
    expect(c.address).toBe('贵州省黔东南苗族侗族自治州丹寨县兴仁镇排倒村5组');
    expect(c.addressSource).toBe('appended');
  });
  it('understands 长期, expiry, a wrong check digit and an unknown nation', () => {
    expect(decode('tsering-drolma').validTo).toEqual({ kind: 'long-term' });
    expect(decode('tsering-drolma').expired).toBe(false);
    expect(decode('zhao-deshun-expired').expired).toBe(true);
    expect(decode('zhao-deshun-expired').warnings).toContain('expired');
    const bad = decode('liu-xiaohong-bad-check');
    expect(bad.idNumberValid).toBe(false);
    expect(bad.warnings).toContain('id-check-digit-mismatch');
    const unknown = decode('zhou-ming-unknown-nation');
    expect(unknown.nation).toEqual({ code: '99', label: null });
    expect(unknown.warnings).toContain('unknown-nation-code');
  });
  it("decodes the HMT permit ('J')", () => {
    const c = decode('chen-zhiming-hk');
    expect(c).toMatchObject({
      cardType: 'hmt-residence-permit',
      name: '陈志明',
      nation: null,
      idNumber: '810000199001011230',
      idNumberValid: true,
      permitNumber: 'H12345678',
      issueCount: '01',
    });
  });
  it("decodes the 2017 foreigner card ('I')", () => {
    const c = decode('smith-john-2017');
    expect(c).toMatchObject({
      cardType: 'foreign-permanent-2017',
      name: '史密斯约翰',
      englishName: 'SMITH JOHN',
      nationality: 'USA',
      idNumber: 'USA110078010101',
      idNumberValid: true,
      birthDate: { kind: 'date', iso: '1978-01-01' },
      cardVersion: '01',
      acceptingAuthorityCode: '1100',
    });
  });
  it("keeps the raw block of a 2023 foreigner card ('Y') and finds its number", () => {
    const c = decode('garcia-maria-2023');
    expect(c.cardType).toBe('foreign-permanent-2023');
    expect(c.idNumber).toBe('932682198501010017');
    expect(c.idNumberValid).toBe(true);
    expect(c.englishName).toBe('GARCIA MARIA');
    expect(c.warnings).toContain('layout-unverified');
    expect(Buffer.from(c.rawTextBase64!, 'base64')).toHaveLength(256);
  });
  it('never throws on random, short or empty blocks', () => {
    const rand = seededRandom(7);
    for (let i = 0; i < 300; i++) {
      const block = randomBytes(rand, Math.floor(rand() * 300));
      if (rand() < 0.3 && block.length > 248) block[248] = [0x49, 0x4a, 0x59][i % 3]!;
      const c = decodeCardText(block, { now });
      expect(typeof c.name).toBe('string');
      expect(detectCardType(block)).toBe(c.cardType);
    }
  });
});
