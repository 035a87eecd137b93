import type { ApplicationDraft } from '../../../contract/queue';
import type { ApplicationDocument } from '../../../sync/protocol/documents';
import { formatTrackingNumber, newUuidV7 } from '../../../sync/protocol/ids';

/** What enrollment gave the kiosk and every application carries. */
export interface SiteIdentity {
  deviceId: string;
  /** 14-digit site code (division + terminal number) printed in tracking numbers. */
  siteCode: string;
  division: string;
}

/**
 * Builds the submitted document: a fresh UUIDv7, the tracking number from the journal's
 * sequence, and the county-owned fields at their initial values (the county sets them from now on).
 */
export function buildApplication(
  draft: ApplicationDraft,
  site: SiteIdentity,
  day: Date,
  sequence: number,
): ApplicationDocument {
  return {
    id: newUuidV7(day.getTime()),
    trackingNumber: formatTrackingNumber(site.siteCode, day, sequence),
    siteDivision: site.division,
    siteCode: site.siteCode,
    deviceId: site.deviceId,
    serviceId: draft.serviceId,
    serviceVersion: draft.serviceVersion,
    submittedAt: day.toISOString(),
    applicant: draft.applicant,
    agent: draft.agent ?? null,
    formValues: draft.formValues,
    // The contract already defaulted it; typed drafts from tests and benches may leave it out.
    materials: draft.materials.map((m) => ({ ...m, originalCheck: m.originalCheck ?? null })),
    assistedBy: draft.assistedBy ?? null,
    supplementOf: draft.supplementOf ?? null,
    status: 'submitted',
    history: [],
    rejectionReason: null,
    staffNote: null,
    filesComplete: false,
    _deleted: false,
  };
}
