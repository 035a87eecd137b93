import { formatTrackingNumber, newUuidV7 } from '../../../sync/protocol/ids';
import type { ApplicationDraft, ApplicationSummary, RatingDraft, SubmitResult } from '../journeyTypes';

/**
 * Stand-in for the offline queue while `contract/queue.ts` has no requests: keeps demo
 * applications in memory (never in web storage) so "我的办件" can find them in the same run.
 * It knows the applicant only by ID number, which is what the real queue is queried by.
 */
export interface DemoBackend {
  submit(draft: ApplicationDraft, siteCode: string): SubmitResult;
  lookup(query: { idNumber: string } | { trackingNumber: string }): ApplicationSummary[];
  rate(rating: RatingDraft): void;
  readonly ratings: readonly RatingDraft[];
}

export function createDemoBackend(now: () => Date = () => new Date()): DemoBackend {
  const applications: Array<ApplicationSummary & { idNumber: string }> = [];
  const ratings: RatingDraft[] = [];
  return {
    submit(draft, siteCode) {
      const at = now();
      const trackingNumber = formatTrackingNumber(siteCode, at, applications.length + 1);
      const result: SubmitResult = {
        applicationId: newUuidV7(at.getTime()),
        trackingNumber,
        submittedAt: at.toISOString(),
        queued: true,
      };
      applications.push({
        applicationId: result.applicationId,
        trackingNumber,
        serviceId: draft.serviceId,
        submittedAt: result.submittedAt,
        status: 'submitted',
        history: [{ status: 'submitted', at: result.submittedAt }],
        staffNote: null,
        idNumber: draft.applicant.idNumber,
      });
      return result;
    },
    lookup(query) {
      return applications
        .filter((a) =>
          'idNumber' in query ? a.idNumber === query.idNumber : a.trackingNumber === query.trackingNumber,
        )
        .map(({ idNumber: _omit, ...summary }) => summary);
    },
    rate(rating) {
      ratings.push(rating);
    },
    ratings,
  };
}
