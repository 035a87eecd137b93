import type { FormField, ServiceDocument } from './forms';
import { isValidIdNumber, isValidMobile } from './idNumber';

/**
 * Checks submitted form values against a service's form definition. Returns problems instead of
 * throwing: the county turns them into a rejection the kiosk receives as data.
 */
export interface FormProblem {
  field: string;
  code: 'required' | 'type' | 'range' | 'pattern' | 'option' | 'unknownField';
}

type Value = unknown;

function isEmpty(v: Value): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

function checkField(field: FormField, v: Value): FormProblem['code'] | null {
  switch (field.type) {
    case 'text': {
      if (typeof v !== 'string') return 'type';
      if (v.length > field.maxLength || (field.minLength !== undefined && v.length < field.minLength)) {
        return 'range';
      }
      if (field.pattern && !new RegExp(field.pattern).test(v)) return 'pattern';
      return null;
    }
    case 'number': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return 'type';
      if (field.integer && !Number.isInteger(v)) return 'type';
      if ((field.min !== undefined && v < field.min) || (field.max !== undefined && v > field.max)) {
        return 'range';
      }
      return null;
    }
    case 'date':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))
        ? null
        : 'type';
    case 'singleChoice':
      if (typeof v !== 'string') return 'type';
      return field.options.some((o) => o.value === v) ? null : 'option';
    case 'multipleChoice': {
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return 'type';
      if (!v.every((x) => field.options.some((o) => o.value === x))) return 'option';
      if (field.maxSelected !== undefined && v.length > field.maxSelected) return 'range';
      if (field.minSelected !== undefined && v.length < field.minSelected) return 'range';
      return null;
    }
    case 'phone':
      return typeof v === 'string' && isValidMobile(v) ? null : 'pattern';
    case 'idNumber':
      return typeof v === 'string' && isValidIdNumber(v) ? null : 'pattern';
    case 'address': {
      if (typeof v !== 'object' || v === null) return 'type';
      const a = v as { division?: unknown; detail?: unknown };
      if (typeof a.division !== 'string' || !/^\d{6}(\d{3}(\d{3})?)?$/.test(a.division)) return 'pattern';
      if (field.requireVillage && a.division.length !== 12) return 'pattern';
      return typeof a.detail === 'string' && a.detail.length <= 200 ? null : 'type';
    }
    case 'bankAccount': {
      if (typeof v !== 'object' || v === null) return 'type';
      const b = v as { holder?: unknown; account?: unknown; bank?: unknown };
      if (typeof b.holder !== 'string' || typeof b.bank !== 'string') return 'type';
      return typeof b.account === 'string' && /^\d{12,30}$/.test(b.account) ? null : 'pattern';
    }
    case 'signature':
      return typeof v === 'string' && /^[0-9a-f]{64}$/.test(v) ? null : 'pattern';
  }
}

export function validateFormValues(service: ServiceDocument, values: Record<string, Value>): FormProblem[] {
  const problems: FormProblem[] = [];
  const known = new Set(service.form.fields.map((f) => f.id));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) problems.push({ field: key, code: 'unknownField' });
  }
  for (const field of service.form.fields) {
    const v = values[field.id];
    if (isEmpty(v)) {
      if (field.required) problems.push({ field: field.id, code: 'required' });
      continue;
    }
    const code = checkField(field, v);
    if (code) problems.push({ field: field.id, code });
  }
  return problems;
}
