import { z } from 'zod';

/**
 * Service catalogue entries with their forms as data: the kiosk renders any form from this,
 * and the county re-validates submitted values against the same definition.
 */

const localized = z.object({ zh: z.string().min(1), en: z.string().optional() });

const fieldBase = {
  /** Key in `formValues`. */
  id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/),
  label: localized,
  help: localized.optional(),
  required: z.boolean().default(false),
  /** Filled from the ID card when read (name, idNumber, address...). */
  prefillFrom: z.enum(['name', 'idNumber', 'gender', 'ethnicity', 'birthDate', 'address']).optional(),
};

const choiceOption = z.object({ value: z.string().min(1), label: localized });

export const formField = z.discriminatedUnion('type', [
  z.object({
    ...fieldBase,
    type: z.literal('text'),
    minLength: z.number().int().min(0).optional(),
    maxLength: z.number().int().positive().max(2000).default(200),
    pattern: z.string().optional(),
  }),
  z.object({
    ...fieldBase,
    type: z.literal('number'),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().default(false),
    unit: z.string().optional(),
  }),
  z.object({ ...fieldBase, type: z.literal('date'), notAfterToday: z.boolean().default(false) }),
  z.object({ ...fieldBase, type: z.literal('singleChoice'), options: z.array(choiceOption).min(1) }),
  z.object({
    ...fieldBase,
    type: z.literal('multipleChoice'),
    options: z.array(choiceOption).min(1),
    minSelected: z.number().int().min(0).optional(),
    maxSelected: z.number().int().positive().optional(),
  }),
  z.object({ ...fieldBase, type: z.literal('phone') }),
  z.object({ ...fieldBase, type: z.literal('idNumber') }),
  /** 县/镇/村 division code + free-text detail. */
  z.object({ ...fieldBase, type: z.literal('address'), requireVillage: z.boolean().default(false) }),
  z.object({
    ...fieldBase,
    type: z.literal('bankAccount'),
    holderMustBeApplicant: z.boolean().default(false),
  }),
  /** A signature image captured on the touch screen, stored as a material file (sha256). */
  z.object({ ...fieldBase, type: z.literal('signature'), allowFingerprint: z.boolean().default(true) }),
]);
export type FormField = z.infer<typeof formField>;
export type FormFieldType = FormField['type'];

export const requiredMaterial = z.object({
  id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/),
  name: localized,
  required: z.boolean(),
  /** Can be satisfied by reading the ID card chip instead of scanning. */
  fromIdCard: z.boolean().default(false),
  note: z.string().optional(),
});

export const serviceDocument = z.object({
  /** Stable catalogue id, e.g. "S06-gaoling-jintie". */
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$/),
  /** Bumped on each publish; applications record the version they were filled against. */
  version: z.number().int().positive(),
  name: localized,
  department: z.string().min(1),
  summary: z.string(),
  eligibility: z.string(),
  /** County codes (6-digit) where the service is offered; ["*"] = everywhere this gateway serves. */
  regions: z.array(z.union([z.literal('*'), z.string().regex(/^\d{6}$/)])).min(1),
  legalTimeLimitDays: z.number().int().positive().nullable(),
  promisedTimeLimitDays: z.number().int().positive().nullable(),
  timeLimitNote: z.string().optional(),
  fee: z.object({ amountYuan: z.number().min(0), note: z.string().optional() }),
  resultCollection: z.array(z.enum(['window', 'post', 'bankAccount', 'onScreen', 'electronic'])).min(1),
  resultNote: z.string().optional(),
  materials: z.array(requiredMaterial),
  form: z.object({ fields: z.array(formField).min(1) }),
  sources: z.array(z.string()).default([]),
  enabled: z.boolean().default(true),
  _deleted: z.boolean().default(false),
});
export type ServiceDocument = z.infer<typeof serviceDocument>;
