import { describe, expect, it } from 'vitest';
import { parseEnrollmentCodeText } from './enrollmentCodeText';

describe('parseEnrollmentCodeText', () => {
  it('accepts a typed code in any case, with dashes or spaces', () => {
    expect(parseEnrollmentCodeText(' abcd-efgh-jk12 ')).toEqual({ code: 'ABCDEFGHJK12', countyUrl: null });
    expect(parseEnrollmentCodeText('ABCD EFGH JK12')?.code).toBe('ABCDEFGHJK12');
  });

  it('reads the county QR with its URL', () => {
    const qr = `cunban-enroll:${JSON.stringify({ url: 'https://county.example', code: 'ABCD-EFGH-JK12' })}`;
    expect(parseEnrollmentCodeText(qr)).toEqual({
      code: 'ABCDEFGHJK12',
      countyUrl: 'https://county.example',
    });
  });

  it('refuses letters the alphabet leaves out and broken QR text', () => {
    expect(parseEnrollmentCodeText('ABCD-EFGH-JKIL')).toBeNull();
    expect(parseEnrollmentCodeText('cunban-enroll:{not json')).toBeNull();
    expect(parseEnrollmentCodeText('short')).toBeNull();
  });
});
