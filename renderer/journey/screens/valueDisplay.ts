import { maskIdNumber, maskName, maskNumbersInText, maskPhone } from '../../../contract/privacy/mask';
import type { FormField } from '../../../sync/protocol/forms';
import type { AddressValue, BankValue } from '../forms/fieldRules';
import { divisionName } from '../forms/heyuanDivisions';

/**
 * An answer as text for the villager. `masked` is the default on every screen; only the review
 * screen shows answers in full, because that is where the person must check them.
 */
export function displayValue(field: FormField, value: unknown, lang: string, masked: boolean): string {
  if (value === undefined || value === null || value === '') return '';
  const zh = lang.startsWith('zh');
  switch (field.type) {
    case 'singleChoice': {
      const o = field.options.find((x) => x.value === value);
      return o ? (zh ? o.label.zh : (o.label.en ?? o.label.zh)) : String(value);
    }
    case 'multipleChoice':
      return (value as string[])
        .map((v) => field.options.find((o) => o.value === v))
        .map((o) => (o ? (zh ? o.label.zh : (o.label.en ?? o.label.zh)) : ''))
        .join('、');
    case 'address': {
      const a = value as AddressValue;
      const text = `${a.division ? divisionName(a.division) : ''}${a.detail ?? ''}`;
      return masked ? maskNumbersInText(text) : text;
    }
    case 'bankAccount': {
      const b = value as BankValue;
      return masked
        ? `${maskName(b.holder)} ${b.bank} ${maskIdNumber(b.account)}`
        : `${b.holder} ${b.bank} ${b.account}`;
    }
    case 'idNumber':
      return masked ? maskIdNumber(String(value)) : String(value);
    case 'phone':
      return masked ? maskPhone(String(value)) : String(value);
    case 'text':
      if (masked && (field.prefillFrom === 'name' || /name$/i.test(field.id))) return maskName(String(value));
      return masked ? maskNumbersInText(String(value)) : String(value);
    default:
      return String(value);
  }
}
