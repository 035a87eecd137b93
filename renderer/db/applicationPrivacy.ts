import { maskIdNumber, maskName, maskPhone } from '../../contract/privacy/mask';
import type { ApplicationDocument, Person } from '../../sync/protocol/documents';

/**
 * An application in RxDB keeps only what status lookup needs in the clear: masked names and ID
 * numbers, no form values. The full personal part (applicant, agent, form values) is sealed in
 * the local-only `personal` collection and merged back only for the push to the county.
 */
export interface PersonalPart {
  applicant: Person;
  agent: ApplicationDocument['agent'];
  formValues: Record<string, unknown>;
}

function maskPerson<P extends Person>(p: P): P {
  const masked = { ...p, name: maskName(p.name), idNumber: maskIdNumber(p.idNumber) };
  if (p.phone) masked.phone = maskPhone(p.phone);
  // Address and birth date say too much together with the masked name; status lookup needs neither.
  delete masked.address;
  delete masked.birthDate;
  return masked;
}

export function maskApplication<D extends Record<string, unknown>>(doc: D): D {
  const applicant = doc.applicant as Person | undefined;
  const agent = doc.agent as (Person & { relation: string }) | null | undefined;
  return {
    ...doc,
    applicant: applicant ? maskPerson(applicant) : applicant,
    agent: agent ? maskPerson(agent) : (agent ?? null),
    formValues: {},
  };
}

export function personalPartOf(doc: ApplicationDocument): PersonalPart {
  return { applicant: doc.applicant, agent: doc.agent, formValues: doc.formValues };
}
