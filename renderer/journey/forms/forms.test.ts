import { describe, expect, it } from 'vitest';
import type { FormField } from '../../../sync/protocol/forms';
import { validateFormValues } from '../../../sync/protocol/formValues';
import { seedCatalog } from '../catalog/catalogData';
import { demoCard } from '../ports/demoCard';
import { fieldProblem, isRealDate, submittedValue } from './fieldRules';
import { matchAddress } from './heyuanDivisions';
import { personFromCard, prefillValues } from './prefill';

const ctx = { today: '2026-11-29', applicantName: '李秀英' };
const f = <T extends FormField['type']>(type: T, extra: Partial<FormField> = {}) =>
  ({ id: 'x', label: { zh: 'x' }, required: true, type, ...extra }) as FormField;

describe('field rules', () => {
  it('checks the GB 11643 check digit and says why', () => {
    expect(fieldProblem(f('idNumber'), '441622195203150022', ctx)).toBeNull();
    expect(fieldProblem(f('idNumber'), '441622195203150023', ctx)).toEqual({ key: 'idNumber' });
    expect(fieldProblem(f('idNumber'), '4416221952', ctx)).toEqual({
      key: 'idLength',
      params: { count: 10 },
    });
    expect(fieldProblem(f('idNumber'), '11010519491231002x', ctx)).toBeNull(); // lower-case x accepted
  });

  it('checks mobile numbers and dates, including dates that do not exist and future ones', () => {
    expect(fieldProblem(f('phone'), '13812345678', ctx)).toBeNull();
    expect(fieldProblem(f('phone'), '1381234567', ctx)).toEqual({ key: 'mobile' });
    expect(fieldProblem(f('phone'), '23812345678', ctx)).toEqual({ key: 'mobile' });
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2023-02-29')).toBe(false);
    expect(fieldProblem(f('date'), '2026-02-30', ctx)).toEqual({ key: 'date' });
    expect(fieldProblem(f('date', { notAfterToday: true } as Partial<FormField>), '2026-12-01', ctx)).toEqual(
      {
        key: 'dateFuture',
      },
    );
  });

  it('requires required answers, bank accounts of the applicant, and a town-level address', () => {
    expect(fieldProblem(f('text', { maxLength: 10 } as Partial<FormField>), '', ctx)).toEqual({
      key: 'required',
    });
    expect(
      fieldProblem(f('text', { required: false, maxLength: 10 } as Partial<FormField>), '', ctx),
    ).toBeNull();
    const bank = f('bankAccount', { holderMustBeApplicant: true } as Partial<FormField>);
    expect(
      fieldProblem(bank, { holder: '李秀英', account: '6217001234567890', bank: '河源农商银行' }, ctx),
    ).toBeNull();
    expect(fieldProblem(bank, { holder: '王五', account: '6217001234567890', bank: 'x' }, ctx)).toEqual({
      key: 'bankHolder',
    });
    expect(fieldProblem(bank, { holder: '李秀英', account: '62170', bank: 'x' }, ctx)).toEqual({
      key: 'bankAccount',
    });
    expect(fieldProblem(f('address'), { division: '441622', detail: 'x' }, ctx)).toEqual({ key: 'address' });
    expect(fieldProblem(f('number', { min: 0, max: 20 } as Partial<FormField>), '21', ctx)).toEqual({
      key: 'range',
    });
    expect(submittedValue(f('number'), ' 3 ')).toBe(3);
  });
});

describe('prefill from the card', () => {
  it('reads county, town and detail out of a Heyuan address', () => {
    expect(matchAddress('广东省河源市龙川县麻布岗镇小长沙村三组12号')).toEqual({
      division: '441622124000',
      detail: '小长沙村三组12号',
    });
    expect(matchAddress('广东省河源市东源县漳溪乡上蓝村')).toEqual({
      division: '441625200000',
      detail: '上蓝村',
    });
    expect(matchAddress('北京市东城区')).toBeNull();
  });

  it('fills every catalogue form the county would accept for the card fields', () => {
    const person = personFromCard(demoCard());
    expect(seedCatalog.length).toBeGreaterThan(5);
    for (const service of seedCatalog) {
      const { values, prefilled } = prefillValues(service, person);
      const cardFields = service.form.fields.filter((x) => x.prefillFrom).map((x) => x.id);
      expect(prefilled.sort()).toEqual(cardFields.sort());
      const onlyCard = Object.fromEntries(Object.entries(values).filter(([k]) => prefilled.includes(k)));
      const problems = validateFormValues(service, onlyCard).filter((p) => p.code !== 'required');
      expect(problems, service.id).toEqual([]);
    }
  });
});
