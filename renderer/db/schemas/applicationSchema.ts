import type { RxJsonSchema } from 'rxdb';

/**
 * Applications as the kiosk stores them (personal fields masked, see applicationPrivacy.ts).
 *
 * v0 → v1: v0 (the first field release) had no `filesComplete` and no `staffNote`; v1 adds both
 * because the county now reports page verification and 补正 notes. The migration fills them with
 * the values the county would have sent for a document it had not looked at yet.
 */
const base = {
  title: 'applications',
  primaryKey: 'id',
  type: 'object',
  required: ['id', 'trackingNumber', 'status', 'submittedAt'],
  indexes: ['trackingNumber', 'submittedAt'],
} as const;

const common = {
  id: { type: 'string', maxLength: 64 },
  trackingNumber: { type: 'string', maxLength: 40 },
  siteDivision: { type: 'string' },
  siteCode: { type: 'string' },
  deviceId: { type: 'string' },
  serviceId: { type: 'string' },
  serviceVersion: { type: 'integer' },
  submittedAt: { type: 'string', maxLength: 40 },
  applicant: { type: 'object' },
  agent: { type: ['object', 'null'] },
  formValues: { type: 'object' },
  materials: { type: 'array' },
  assistedBy: { type: ['object', 'null'] },
  supplementOf: { type: ['string', 'null'] },
  status: { type: 'string' },
  history: { type: 'array' },
  rejectionReason: { type: ['string', 'null'] },
} as const;

export const applicationSchemaV0 = {
  ...base,
  version: 0,
  properties: common,
} as unknown as RxJsonSchema<Record<string, unknown>>;

export const applicationSchema = {
  ...base,
  version: 1,
  properties: {
    ...common,
    staffNote: { type: ['string', 'null'] },
    filesComplete: { type: 'boolean' },
  },
} as unknown as RxJsonSchema<Record<string, unknown>>;

export const applicationMigrations = {
  1: (old: Record<string, unknown>) => ({
    ...old,
    staffNote: old.staffNote ?? null,
    // A v0 document the county had not completed cannot have verified pages on record.
    filesComplete: old.status === 'completed',
  }),
};
