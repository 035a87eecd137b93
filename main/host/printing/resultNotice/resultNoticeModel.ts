import {
  RESULT_NOTICE_STATUSES,
  type ResultNoticeModel,
  ResultNoticeModelSchema,
} from '../../../../drivers/printer/schemas';
import type { NoticeSource } from '../../syncService/applicationLookup';
import { serviceName } from './serviceNames';

/** Why a notice cannot be printed, with the words the villager is shown. */
export class NoticeRefused extends Error {
  constructor(
    readonly reason: 'not-found' | 'not-decided',
    message: string,
  ) {
    super(message);
    this.name = 'NoticeRefused';
  }
}

export interface NoticeSite {
  siteName: string;
  kioskId: string;
  townOfficePhone?: string;
}

type DecidedStatus = (typeof RESULT_NOTICE_STATUSES)[number];
const isDecided = (status: string): status is DecidedStatus =>
  (RESULT_NOTICE_STATUSES as readonly string[]).includes(status);

/**
 * The notice from what the host knows of the application: only a decision the county made
 * (办结, 不予受理, 补正) prints; the applicant comes masked from the lookup.
 */
export function resultNoticeModel(
  source: NoticeSource | null,
  site: NoticeSite,
  now: Date,
): ResultNoticeModel {
  if (!source)
    throw new NoticeRefused('not-found', 'no application with that id or tracking number on this kiosk');
  const { summary, maskedApplicant } = source;
  if (!isDecided(summary.status))
    throw new NoticeRefused(
      'not-decided',
      `the county has not decided this application (status ${summary.status})`,
    );
  const decision = summary.history.filter((h) => h.status === summary.status).at(-1);
  return ResultNoticeModelSchema.parse({
    status: summary.status,
    siteName: site.siteName,
    kioskId: site.kioskId,
    serviceName: serviceName(summary.serviceId),
    trackingNumber: summary.trackingNumber,
    applicantName: maskedApplicant.name,
    applicantIdNumber: maskedApplicant.idNumber,
    submittedAt: summary.submittedAt,
    decidedAt: decision?.at ?? summary.submittedAt,
    countyNote: summary.staffNote ?? decision?.note ?? null,
    ...(site.townOfficePhone ? { townOfficePhone: site.townOfficePhone } : {}),
    printedAt: now.toISOString(),
  });
}
