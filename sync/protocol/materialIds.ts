/**
 * Material ids with a meaning of their own, outside any service's list (no zod here, so the
 * county console can import it without the schemas).
 */

/** The 委托书 / 授权书 a clerk scans when the applicant of a 代办 is entered without a card. */
export const AUTHORISATION_MATERIAL_ID = 'authorisation';
