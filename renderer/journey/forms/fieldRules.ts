import type { FormField } from '../../../sync/protocol/forms';
import { isValidIdNumber, isValidMobile } from '../../../sync/protocol/idNumber';

/**
 * Checks one answer while the villager is on it, and says what is wrong in plain words (the
 * i18n key under `problem.` and its parameters). The county re-checks with validateFormValues
 * from the protocol; the ID number and mobile rules are the protocol's own functions.
 */
export interface Problem {
  key: string;
  params?: Record<string, number>;
}

export type AddressValue = { division: string; detail: string };
export type BankValue = { holder: string; account: string; bank: string };

export function isBlank(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') {
    return Object.values(value as Record<string, unknown>).every((v) => v === '' || v === undefined);
  }
  return false;
}

/** A calendar date that exists (no 2月30日), as YYYY-MM-DD. */
export function isRealDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && y >= 1900;
}

export function fieldProblem(
  field: FormField,
  value: unknown,
  context: { today: string; applicantName?: string },
): Problem | null {
  if (isBlank(value)) return field.required && field.type !== 'signature' ? { key: 'required' } : null;
  switch (field.type) {
    case 'text': {
      const s = String(value);
      if (s.length > field.maxLength) return { key: 'tooLong' };
      if (field.minLength !== undefined && s.length < field.minLength) return { key: 'required' };
      if (field.pattern && !new RegExp(field.pattern).test(s)) return { key: 'pattern' };
      return null;
    }
    case 'number': {
      const s = String(value).trim();
      if (!/^-?\d+(\.\d+)?$/.test(s)) return { key: 'number' };
      const n = Number(s);
      if (field.integer && !Number.isInteger(n)) return { key: 'number' };
      if ((field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max)) {
        return { key: 'range' };
      }
      return null;
    }
    case 'date': {
      const s = String(value);
      if (!isRealDate(s)) return { key: 'date' };
      if (field.notAfterToday && s > context.today) return { key: 'dateFuture' };
      return null;
    }
    case 'singleChoice':
      return field.options.some((o) => o.value === value) ? null : { key: 'option' };
    case 'multipleChoice': {
      const list = value as string[];
      if (field.minSelected !== undefined && list.length < field.minSelected) {
        return { key: 'tooFewChoices', params: { count: field.minSelected } };
      }
      if (field.maxSelected !== undefined && list.length > field.maxSelected) {
        return { key: 'tooManyChoices', params: { count: field.maxSelected } };
      }
      return null;
    }
    case 'phone':
      return isValidMobile(String(value)) ? null : { key: 'mobile' };
    case 'idNumber': {
      const s = String(value).toUpperCase();
      if (s.length !== 18) return { key: 'idLength', params: { count: s.length } };
      return isValidIdNumber(s) ? null : { key: 'idNumber' };
    }
    case 'address': {
      const a = value as AddressValue;
      if (!/^\d{6}(\d{3}(\d{3})?)?$/.test(a.division ?? '') || a.division.length < 12)
        return { key: 'address' };
      if (field.requireVillage && a.division.endsWith('000')) return { key: 'village' };
      if ((a.detail ?? '').length > 200) return { key: 'tooLong' };
      return null;
    }
    case 'bankAccount': {
      const b = value as BankValue;
      if (!b.holder || !b.bank) return { key: 'required' };
      if (!/^\d{12,30}$/.test(b.account ?? '')) return { key: 'bankAccount' };
      if (field.holderMustBeApplicant && context.applicantName && b.holder !== context.applicantName) {
        return { key: 'bankHolder' };
      }
      return null;
    }
    case 'signature':
      return null; // captured on its own screen
  }
}

/** The value as the protocol stores it (numbers as numbers, ID numbers upper-case). */
export function submittedValue(field: FormField, value: unknown): unknown {
  if (isBlank(value)) return undefined;
  if (field.type === 'number') return Number(String(value).trim());
  if (field.type === 'idNumber') return String(value).toUpperCase();
  return value;
}

/** Today in the kiosk's time zone (Asia/Shanghai), as YYYY-MM-DD. */
export function shanghaiToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
