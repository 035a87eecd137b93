import { z } from 'zod';

/**
 * Shapes that cross from the driver into the UI (re-exported by contract/). Pure zod, no Node
 * imports: the renderer bundles this file.
 */

export const IdCardTypeSchema = z.enum([
  'resident', // 居民身份证
  'hmt-residence-permit', // 港澳台居民居住证 ('J')
  'foreign-permanent-2017', // 外国人永久居留身份证 2017 ('I')
  'foreign-permanent-2023', // 外国人永久居留身份证 2023 ('Y'; byte layout not public)
]);
export type IdCardType = z.infer<typeof IdCardTypeSchema>;

/** A coded field: the raw code is always kept so an unknown one can still be shown. */
export const CodedValueSchema = z.object({ code: z.string(), label: z.string().nullable() });

export const CardDateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('date'), iso: z.string() }),
  z.object({ kind: z.literal('long-term') }), // 长期
  z.object({ kind: z.literal('invalid'), raw: z.string() }),
]);

export const IdCardPhotoSchema = z.discriminatedUnion('kind', [
  /** Decoded by the vendor library IT staff configured. */
  z.object({
    kind: z.literal('image'),
    mimeType: z.enum(['image/bmp', 'image/png']),
    dataBase64: z.string(),
    width: z.number().int(),
    height: z.number().int(),
  }),
  /** Only the 1024-byte WLT blob: no decoder configured, the UI shows a placeholder. */
  z.object({ kind: z.literal('wlt'), wltBase64: z.string() }),
  z.object({ kind: z.literal('none') }),
]);

export const IdCardWarningSchema = z.enum([
  'id-check-digit-mismatch', // 公民身份号码校验位不对
  'id-number-format',
  'unknown-sex-code',
  'unknown-nation-code',
  'invalid-date',
  'expired',
  'layout-unverified', // 'Y' card: fields are best effort
  'photo-decode-failed',
]);
export type IdCardWarning = z.infer<typeof IdCardWarningSchema>;

export const IdCardSchema = z.object({
  cardType: IdCardTypeSchema,
  /** Chinese name (foreigner cards: the Chinese name, else the English one). */
  name: z.string(),
  englishName: z.string().nullable(),
  sex: CodedValueSchema,
  /** 民族, resident cards only. */
  nation: CodedValueSchema.nullable(),
  /** Foreigner cards: nationality code (GB/T 2659 letters on 'I'). */
  nationality: z.string().nullable(),
  birthDate: CardDateSchema,
  address: z.string(),
  /** 'appended' when the chip's latest appended address (0x30 0x03) replaced the printed one. */
  addressSource: z.enum(['card', 'appended', 'none']),
  idNumber: z.string(),
  idNumberValid: z.boolean(),
  issuingAuthority: z.string(),
  validFrom: CardDateSchema,
  validTo: CardDateSchema,
  expired: z.boolean(),
  /** 'J': 通行证号码. */
  permitNumber: z.string().nullable(),
  /** 'J': 签发次数. */
  issueCount: z.string().nullable(),
  /** 'I': 证件版本号. */
  cardVersion: z.string().nullable(),
  /** 'I': 当次申请受理机关代码. */
  acceptingAuthorityCode: z.string().nullable(),
  /** 'Y': the raw 256-byte text block, because its layout is not public. Null otherwise. */
  rawTextBase64: z.string().nullable(),
  photo: IdCardPhotoSchema,
  warnings: z.array(IdCardWarningSchema),
});
export type IdCard = z.infer<typeof IdCardSchema>;

export const IdCardEventSchema = z.object({
  type: z.literal('card'),
  card: IdCardSchema,
  /** ISO time the read finished. */
  readAt: z.string(),
  /** find → card decoded, milliseconds. */
  readMs: z.number(),
});
export type IdCardEvent = z.infer<typeof IdCardEventSchema>;

export const ReaderFaultReasonSchema = z.enum([
  'sam-self-test-failed', // SW3 0x60
  'sam-not-authorised', // SW3 0x66
  'not-responding', // port open, SAM silent
  'protocol-error', // answers we cannot understand
]);
export type ReaderFaultReason = z.infer<typeof ReaderFaultReasonSchema>;

const message = { messageZh: z.string(), messageEn: z.string() };

export const ReaderStateSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('stopped'), ...message }),
  z.object({ status: z.literal('connecting'), ...message }),
  z.object({ status: z.literal('ready'), ...message }),
  z.object({ status: z.literal('reading'), ...message }),
  z.object({ status: z.literal('no-reader'), ...message }),
  z.object({ status: z.literal('fault'), reason: ReaderFaultReasonSchema, ...message }),
]);
export type ReaderState = z.infer<typeof ReaderStateSchema>;
export type ReaderStatus = ReaderState['status'];

/** A presentation that could not be read: the villager should put the card down again. */
export const IdCardReadErrorSchema = z.object({
  type: z.literal('read-error'),
  code: z.string(),
  ...message,
});
export type IdCardReadError = z.infer<typeof IdCardReadErrorSchema>;

export const IdCardRemovedSchema = z.object({ type: z.literal('removed') });

/** Everything the reader reports, as one union for the contract's event stream. */
export const IdCardReaderEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('state'), state: ReaderStateSchema }),
  IdCardEventSchema,
  IdCardRemovedSchema,
  IdCardReadErrorSchema,
]);
export type IdCardReaderEvent = z.infer<typeof IdCardReaderEventSchema>;

/** Demo control panel: the bundled fake cards a person can place on the simulated reader. */
export const IdCardFixtureInfoSchema = z.object({ id: z.string(), label: z.string() });
export type IdCardFixtureInfo = z.infer<typeof IdCardFixtureInfoSchema>;

/** Faults the demo control panel (and tests) can inject into the simulated reader. */
export const SimulatorFaultSchema = z.enum([
  'bad-checksum', // next reply carries a wrong CHK
  'timeout', // next request gets no reply at all
  'garbage', // next reply is preceded by line noise (incl. half preambles)
  'sam-unauthorised', // persistent: every command answers 0x66 until cleared
  'sam-self-test', // persistent: every command answers 0x60 until cleared
  'read-failure', // next read answers 0x41, card stays
  'card-removed-mid-read', // next read answers 0x41 and the card is gone
]);
