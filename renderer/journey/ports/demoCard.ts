import type { IdCard } from '../../../drivers/idcard/schemas';

/**
 * The sample card of the demo profile: a made-up person with a valid GB 11643 check digit,
 * living in 龙川县麻布岗镇 (Heyuan). Never a real person.
 */
export function demoCard(overrides: Partial<IdCard> = {}): IdCard {
  return {
    cardType: 'resident',
    name: '李秀英',
    englishName: null,
    sex: { code: '2', label: '女' },
    nation: { code: '01', label: '汉' },
    nationality: null,
    birthDate: { kind: 'date', iso: '1952-03-15' },
    address: '广东省河源市龙川县麻布岗镇小长沙村三组12号',
    addressSource: 'card',
    idNumber: '441622195203150022',
    idNumberValid: true,
    issuingAuthority: '龙川县公安局',
    validFrom: { kind: 'date', iso: '2015-06-01' },
    validTo: { kind: 'long-term' },
    expired: false,
    permitNumber: null,
    issueCount: null,
    cardVersion: null,
    acceptingAuthorityCode: null,
    rawTextBase64: null,
    photo: { kind: 'none' },
    warnings: [],
    ...overrides,
  };
}
