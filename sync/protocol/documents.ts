import { z } from 'zod';
import { divisionCode, sha256Hex, siteCode, townCode, trackingNumber, uuidV7 } from './ids';

/**
 * Document shapes of the replicated collections. Field ownership is part of the contract:
 * `submitted content` is written once by the kiosk; `county-owned` fields are written only by
 * the gateway and arrive at the kiosk by pull.
 */

const isoTime = z.string().datetime({ offset: true });

export const APPLICATION_STATUSES = [
  /** Made on the kiosk, not yet acknowledged by the county. */
  'submitted',
  /** Stored by the county (收件). */
  'received',
  /** 受理 */
  'accepted',
  /** 补正: the applicant must bring or send what is missing. */
  'correctionRequired',
  /** 办结 */
  'completed',
  /** 不予受理 by staff. */
  'notAccepted',
  /** Refused automatically by the gateway (invalid content); reason in `rejectionReason`. */
  'rejected',
] as const;
export const applicationStatus = z.enum(APPLICATION_STATUSES);
export type ApplicationStatus = z.infer<typeof applicationStatus>;

export const historyEntry = z.object({
  status: applicationStatus,
  at: isoTime,
  /** Staff username or "gateway"; never personal data of the applicant. */
  by: z.string(),
  note: z.string().max(1000).optional(),
});

export const person = z.object({
  name: z.string().min(1).max(50),
  idNumber: z.string().min(6).max(30),
  phone: z.string().max(20).optional(),
  gender: z.enum(['1', '2', '0', '9']).optional(),
  ethnicity: z.string().max(4).optional(),
  birthDate: z.string().optional(),
  address: z.string().max(200).optional(),
});
export type Person = z.infer<typeof person>;

/** How much the county can trust a material: read from a chip, scanned, photographed, or declared. */
export const credibility = z.enum(['idCardChip', 'scanned', 'photo', 'declared']);

export const materialRef = z.object({
  materialId: z.string().min(1).max(64),
  sha256: sha256Hex,
  size: z.number().int().positive(),
  contentType: z.enum(['image/jpeg', 'image/png', 'application/pdf']),
  pages: z.number().int().positive().optional(),
  credibility,
  /**
   * A clerk held the original next to this copy and found them the same (核验原件): the material
   * is then B-level in the 国办函〔2016〕108号 sense instead of C. Only the clerk who assisted the
   * application may set it (the gateway refuses it otherwise); see credibilityLevel.ts.
   */
  originalCheck: z
    .object({ clerkId: z.string().min(1).max(64), at: isoTime })
    .nullable()
    .default(null),
});
/** As a kiosk writes it: `originalCheck` may be left out (read as null, not checked). */
export type MaterialRef = z.input<typeof materialRef>;

export { AUTHORISATION_MATERIAL_ID } from './materialIds';

/**
 * The clerk who filed the application (代办). The host fills it from the live clerk session, so
 * a renderer cannot name a clerk. `identifiedBy: 'manual'` means the applicant was typed in
 * without a card read: then `relation` (who asked for it, e.g. 子女) and an `authorisation`
 * material (委托书 / 授权书) are required. Absent on applications made before 代办 existed.
 */
export const assistedBy = z.object({
  clerkId: z.string().min(1).max(64),
  name: z.string().max(50),
  identifiedBy: z.enum(['idcard', 'manual']).optional(),
  relation: z.string().min(1).max(20).optional(),
});
export type AssistedBy = z.infer<typeof assistedBy>;

/** Fields a kiosk writes once, at submission. */
export const applicationSubmitted = z.object({
  id: uuidV7,
  trackingNumber,
  siteDivision: divisionCode,
  siteCode,
  deviceId: z.string().min(1).max(64),
  serviceId: z.string().min(1).max(64),
  serviceVersion: z.number().int().positive(),
  submittedAt: isoTime,
  applicant: person,
  /** 代办人 / 监护人 when someone applies on the applicant's behalf. */
  agent: person
    .extend({ relation: z.string().max(20) })
    .nullable()
    .default(null),
  formValues: z.record(z.string(), z.unknown()),
  materials: z.array(materialRef).max(50),
  /** Clerk who helped at the kiosk (协办员), if any. */
  assistedBy: assistedBy.nullable().default(null),
  /** For 补正: the application this one completes. */
  supplementOf: uuidV7.nullable().default(null),
});

/** Fields the county owns. A kiosk sends the initial values and never changes them. */
export const applicationCountyOwned = z.object({
  status: applicationStatus,
  history: z.array(historyEntry),
  rejectionReason: z.string().nullable(),
  /** What the applicant must add (补正), or the staff note shown at the kiosk. */
  staffNote: z.string().nullable(),
  /** Set when every referenced file has arrived and verified. */
  filesComplete: z.boolean(),
});

export const APPLICATION_COUNTY_FIELDS = Object.keys(applicationCountyOwned.shape) as Array<
  keyof z.infer<typeof applicationCountyOwned>
>;

export const applicationDocument = applicationSubmitted.extend({
  ...applicationCountyOwned.shape,
  _deleted: z.boolean().default(false),
});
export type ApplicationDocument = z.infer<typeof applicationDocument>;

/** 好差评: five levels (GB/T 39734 usage), reason tags required for 差评 (levels 1–2). */
export const RATING_LEVELS = {
  1: '非常不满意',
  2: '不满意',
  3: '基本满意',
  4: '满意',
  5: '非常满意',
} as const;

export const ratingDocument = z.object({
  id: uuidV7,
  siteDivision: divisionCode,
  deviceId: z.string().min(1).max(64),
  applicationId: uuidV7.nullable(),
  serviceId: z.string().max(64).nullable(),
  level: z.number().int().min(1).max(5),
  reasonTags: z.array(z.string().min(1).max(40)).max(20),
  comment: z.string().max(500).nullable(),
  templateVersion: z.string().min(1).max(20),
  createdAt: isoTime,
  /** County-owned: the follow-up of a 差评 (整改). */
  followUp: z.object({ status: z.enum(['open', 'closed']), note: z.string(), at: isoTime }).nullable(),
  /** County-owned: why the gateway refused this rating (e.g. a 差评 without a reason). */
  rejectionReason: z.string().nullable().default(null),
  _deleted: z.boolean().default(false),
});
export type RatingDocument = z.infer<typeof ratingDocument>;

export const clerkDocument = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(50),
  town: townCode,
  role: z.enum(['villageAssistant', 'townClerk', 'itStaff']),
  /** `pbkdf2-sha256$<iterations>$<salt b64url>$<hash b64url>`, see clerkPin.ts. */
  pinHash: z.string().regex(/^pbkdf2-sha256\$\d+\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/),
  active: z.boolean(),
  _deleted: z.boolean().default(false),
});
export type ClerkDocument = z.infer<typeof clerkDocument>;

export const announcementDocument = z.object({
  id: z.string().min(1).max(64),
  title: z.string().min(1).max(100),
  body: z.string().max(5000),
  publishedAt: isoTime,
  expiresAt: isoTime.nullable(),
  /** Empty = all sites of the county; otherwise 9-digit town codes. */
  towns: z.array(townCode),
  _deleted: z.boolean().default(false),
});
export type AnnouncementDocument = z.infer<typeof announcementDocument>;

/** Clerk actions on a kiosk (sign in, assisted submission, device reset...). Append-only. */
export const auditDocument = z.object({
  id: uuidV7,
  siteDivision: divisionCode,
  deviceId: z.string().min(1).max(64),
  clerkId: z.string().max(64).nullable(),
  action: z.string().regex(/^[a-z][a-zA-Z0-9.]{1,63}$/),
  target: z.string().max(128).nullable(),
  at: isoTime,
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
  /** County-owned: set when the gateway refused the entry. */
  rejectionReason: z.string().nullable().default(null),
  _deleted: z.boolean().default(false),
});
export type AuditDocument = z.infer<typeof auditDocument>;

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

/**
 * When the kiosk powers itself off or reboots. Older kiosks ignore the key and older documents
 * lack it (the default: nothing scheduled), so adding it changes nothing for either.
 */
export const powerSchedule = z
  .object({
    powerOffAt: clockTime.nullable(),
    rebootAt: clockTime.nullable(),
    /** ISO weekdays 1 (Mon) – 7 (Sun). */
    days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
  })
  .refine((s) => s.powerOffAt === null || s.rebootAt === null || s.powerOffAt !== s.rebootAt, {
    message: 'power-off and reboot cannot be at the same minute',
  });
export type PowerSchedule = z.infer<typeof powerSchedule>;

/** Per-kiosk remote settings; id is the device id. */
export const settingsDocument = z.object({
  id: z.string().min(1).max(64),
  openingHours: z.array(
    z.object({
      /** ISO weekdays 1 (Mon) – 7 (Sun). */
      days: z.array(z.number().int().min(1).max(7)).min(1),
      open: z.string().regex(/^\d{2}:\d{2}$/),
      close: z.string().regex(/^\d{2}:\d{2}$/),
    }),
  ),
  idleTimeoutSeconds: z.number().int().min(15).max(3600),
  /** Catalogue ids this kiosk offers (from the enrollment bundle). */
  enabledServices: z.array(z.string()),
  /** Scheduled power-off and reboot on the kiosk's clock (Asia/Shanghai); none by default. */
  powerSchedule: powerSchedule.default({ powerOffAt: null, rebootAt: null, days: [1, 2, 3, 4, 5, 6, 7] }),
  updatedAt: isoTime,
  _deleted: z.boolean().default(false),
});
export type SettingsDocument = z.infer<typeof settingsDocument>;
