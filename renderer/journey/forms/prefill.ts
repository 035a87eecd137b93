import type { IdCard } from '../../../drivers/idcard/schemas';
import type { Person } from '../../../sync/protocol/documents';
import type { ServiceDocument } from '../../../sync/protocol/forms';
import { matchAddress } from './heyuanDivisions';

/** The applicant as the protocol's `person`, read from the card. */
export function personFromCard(card: IdCard): Person {
  const sex = card.sex.code;
  return {
    name: card.name,
    idNumber: card.idNumber.toUpperCase(),
    gender: sex === '1' || sex === '2' || sex === '0' || sex === '9' ? sex : undefined,
    ethnicity: card.nation?.code,
    birthDate: card.birthDate.kind === 'date' ? card.birthDate.iso : undefined,
    address: card.address || undefined,
  };
}

/**
 * Fills every field whose definition says where it comes from on the card. A prefilled field
 * is marked so the screen can say "已从身份证读取". Fields the villager has already answered
 * are kept.
 */
export function prefillValues(
  service: ServiceDocument,
  person: Person,
  current: Record<string, unknown> = {},
): { values: Record<string, unknown>; prefilled: string[] } {
  const values = { ...current };
  const prefilled: string[] = [];
  for (const field of service.form.fields) {
    if (!field.prefillFrom || values[field.id] !== undefined) continue;
    const value = prefillValue(field.type, field.prefillFrom, person);
    if (value === undefined) continue;
    values[field.id] = value;
    prefilled.push(field.id);
  }
  // A bank account that must be the applicant's own starts with the applicant as holder.
  for (const field of service.form.fields) {
    if (field.type === 'bankAccount' && field.holderMustBeApplicant && values[field.id] === undefined) {
      values[field.id] = { holder: person.name, account: '', bank: '' };
    }
  }
  return { values, prefilled };
}

function prefillValue(type: string, from: string, person: Person): unknown {
  switch (from) {
    case 'name':
      return person.name;
    case 'idNumber':
      return person.idNumber;
    case 'gender':
      return person.gender;
    case 'ethnicity':
      return person.ethnicity;
    case 'birthDate':
      return person.birthDate;
    case 'address': {
      if (!person.address) return undefined;
      if (type !== 'address') return person.address;
      return matchAddress(person.address) ?? { division: '', detail: person.address };
    }
    default:
      return undefined;
  }
}
