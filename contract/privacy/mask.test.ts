import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskNumbersInText, maskPhone } from './mask';

describe('masking personal data', () => {
  it('masks names per code point, keeping first and last', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张三丰')).toBe('张*丰');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('𠮷野家')).toBe('𠮷*家');
    expect(maskName('JOHN SMITH')).toBe('J*** S****');
  });
  it('masks ID, phone and bank numbers, also inside free text', () => {
    expect(maskIdNumber('44162219900101123X')).toBe('4416**********123X');
    expect(maskPhone('138 1234 5678')).toBe('138****5678');
    expect(maskNumbersInText('ID 441622199001011234 tel 13812345678 card 6222020200112233445')).toBe(
      'ID 4416**********1234 tel 138****5678 card 6222***********3445',
    );
  });
});
