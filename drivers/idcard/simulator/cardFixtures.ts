import { encodeUcs2Field } from '../ucs2Text';

/**
 * Fake people for tests and the demo. Every name, number and address is invented; the ID
 * numbers carry correct GB 11643 check digits except where a fixture is meant to be wrong.
 */
export interface CardFixture {
  readonly id: string;
  /** What the demo control panel shows (no real person). */
  readonly label: string;
  /** 'not-id-card': a bank or bus card laid on the reader; the SAM answers find with 0x40. */
  readonly type: 'resident' | 'J' | 'I' | 'Y' | 'not-id-card';
  readonly name: string;
  readonly sexCode: string;
  readonly nationCode?: string;
  readonly birth: string;
  readonly address?: string;
  readonly idNumber: string;
  readonly issuer?: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly appendedAddress?: string;
  /** Whether the chip holds fingerprint data (answers 0x30 0x10 with 1024 more bytes). */
  readonly hasFingerprint?: boolean;
  readonly permitNumber?: string;
  readonly issueCount?: string;
  readonly englishName?: string;
  readonly nationality?: string;
  readonly cardVersion?: string;
  readonly authorityCode?: string;
}

export const CARD_FIXTURES: readonly CardFixture[] = [
  {
    id: 'li-xiuying',
    label: '李秀英（女，汉族，有指纹）',
    type: 'resident',
    name: '李秀英',
    sexCode: '2',
    nationCode: '01',
    birth: '19650312',
    address: '河北省保定市阜平县龙泉关镇骆驼湾村12号',
    idNumber: '130624196503121227',
    issuer: '阜平县公安局',
    validFrom: '20150610',
    validTo: '20350610',
    hasFingerprint: true,
  },
  {
    id: 'wang-jianguo',
    label: '王建国（男，苗族，有追加住址）',
    type: 'resident',
    name: '王建国',
    sexCode: '1',
    nationCode: '06',
    birth: '19780105',
    address: '贵州省黔东南苗族侗族自治州丹寨县龙泉镇卡拉村3组',
    idNumber: '522631197801050036',
    issuer: '丹寨县公安局',
    validFrom: '20180301',
    validTo: '20380301',
    appendedAddress: '贵州省黔东南苗族侗族自治州丹寨县兴仁镇排倒村5组',
  },
  {
    id: 'tsering-drolma',
    label: '次仁卓玛（女，藏族，长期有效）',
    type: 'resident',
    name: '次仁卓玛',
    sexCode: '2',
    nationCode: '04',
    birth: '19520807',
    address: '西藏自治区拉萨市林周县甘丹曲果镇4号',
    idNumber: '540121195208070020',
    issuer: '林周县公安局',
    validFrom: '20120807',
    validTo: '长期',
  },
  {
    id: 'zhao-deshun-expired',
    label: '赵德顺（男，证件已过期）',
    type: 'resident',
    name: '赵德顺',
    sexCode: '1',
    nationCode: '01',
    birth: '19480215',
    address: '河南省信阳市固始县陈淋子镇八里棚村',
    idNumber: '411526194802150016',
    issuer: '固始县公安局',
    validFrom: '20000101',
    validTo: '20200101',
  },
  {
    id: 'liu-xiaohong-bad-check',
    label: '刘小红（校验位错误）',
    type: 'resident',
    name: '刘小红',
    sexCode: '2',
    nationCode: '01',
    birth: '19881130',
    address: '山东省青岛市即墨区龙山街道前东城村',
    idNumber: '370285198811304557', // correct check digit would be 6
    issuer: '即墨市公安局',
    validFrom: '20160101',
    validTo: '20360101',
  },
  {
    id: 'zhou-ming-unknown-nation',
    label: '周敏（民族代码未知）',
    type: 'resident',
    name: '周敏',
    sexCode: '2',
    nationCode: '99',
    birth: '19930622',
    address: '江西省赣州市兴国县长冈乡塘石村',
    idNumber: '360731199306220045',
    issuer: '兴国县公安局',
    validFrom: '20190622',
    validTo: '20390622',
  },
  {
    id: 'chen-zhiming-hk',
    label: '陈志明（港澳台居民居住证）',
    type: 'J',
    name: '陈志明',
    sexCode: '1',
    birth: '19900101',
    address: '广东省深圳市福田区福保街道益田村',
    idNumber: '810000199001011230',
    issuer: '深圳市公安局',
    validFrom: '20230901',
    validTo: '20280901',
    permitNumber: 'H12345678',
    issueCount: '01',
  },
  {
    id: 'smith-john-2017',
    label: 'SMITH JOHN（外国人永久居留证 2017）',
    type: 'I',
    name: '史密斯约翰',
    englishName: 'SMITH JOHN',
    sexCode: '1',
    birth: '19780101',
    idNumber: 'USA110078010101',
    nationality: 'USA',
    validFrom: '20170615',
    validTo: '20270615',
    cardVersion: '01',
    authorityCode: '1100',
  },
  {
    id: 'garcia-maria-2023',
    label: 'GARCIA MARIA（外国人永久居留证 2023）',
    type: 'Y',
    name: '加西亚玛丽亚',
    englishName: 'GARCIA MARIA',
    sexCode: '2',
    birth: '19850101',
    idNumber: '932682198501010017',
    validFrom: '20240301',
    validTo: '20340301',
  },
  {
    id: 'bank-card',
    label: '银行卡（不是身份证）',
    type: 'not-id-card',
    name: '',
    sexCode: '',
    birth: '',
    idNumber: '',
    validFrom: '',
    validTo: '',
  },
];

export function findFixture(id: string): CardFixture {
  const f = CARD_FIXTURES.find((c) => c.id === id);
  if (!f) throw new RangeError(`no card fixture named "${id}"`);
  return f;
}

/** The 256-byte text block exactly as the chip returns it (layouts: reference §6). */
export function encodeFixtureText(f: CardFixture): Uint8Array {
  const t = encodeUcs2Field('', 256);
  const put = (offset: number, length: number, value: string) =>
    t.set(encodeUcs2Field(value, length), offset);
  if (f.type === 'resident' || f.type === 'J') {
    put(0, 30, f.name);
    put(30, 2, f.sexCode);
    put(32, 4, f.nationCode ?? '');
    put(36, 16, f.birth);
    put(52, 70, f.address ?? '');
    put(122, 36, f.idNumber);
    put(158, 30, f.issuer ?? '');
    put(188, 16, f.validFrom);
    put(204, 16, f.validTo);
    if (f.type === 'J') {
      put(220, 18, f.permitNumber ?? '');
      put(238, 4, f.issueCount ?? '');
      put(248, 2, 'J');
    }
  } else if (f.type === 'I') {
    put(0, 120, f.englishName ?? '');
    put(120, 2, f.sexCode);
    put(122, 30, f.idNumber);
    put(152, 6, f.nationality ?? '');
    put(158, 30, f.name);
    put(188, 16, f.validFrom);
    put(204, 16, f.validTo);
    put(220, 16, f.birth);
    put(236, 4, f.cardVersion ?? '');
    put(240, 8, f.authorityCode ?? '');
    put(248, 2, 'I');
  } else {
    // 'Y': the real layout is not public; this invented one keeps the flag at 248 like 'I'.
    put(0, 120, f.englishName ?? '');
    put(120, 2, f.sexCode);
    put(122, 36, f.idNumber);
    put(158, 30, f.name);
    put(188, 16, f.validFrom);
    put(204, 16, f.validTo);
    put(220, 16, f.birth);
    put(248, 2, 'Y');
  }
  return t;
}

/** A stand-in WLT blob: the public header ('WL', 102 × 126) then deterministic filler. */
export function fixtureWlt(f: CardFixture): Uint8Array {
  const wlt = new Uint8Array(1024);
  wlt.set([0x57, 0x4c, 0x66, 0x00, 0x7e, 0x00, 0x32, 0x00, 0x00, 0xff]);
  let x = [...f.id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  for (let i = 10; i < wlt.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    wlt[i] = x >>> 24;
  }
  return wlt;
}

export function fixtureAppendedAddress(f: CardFixture): Uint8Array | null {
  return f.appendedAddress ? encodeUcs2Field(f.appendedAddress, 70) : null;
}
