import type { IdCard } from '../../drivers/idcard/schemas';
import type { ApplicationStatus, Person } from '../../sync/protocol/documents';

/** How the applicant proved who they are. */
export type IdentityMethod = 'idcard' | 'eid' | 'clerk';

export interface Identity {
  method: IdentityMethod;
  person: Person;
  /** The chip read, when the card was placed (null for clerk entry). */
  card: IdCard | null;
  /** The clerk filing for the person (代办); such a clerk may never rate the service. */
  clerk: { clerkId: string; name: string } | null;
  /**
   * Entered by hand (method 'clerk'): who asked for the application on the person's behalf
   * (本人委托, 子女…). An authorisation document is then a material of the application.
   */
  relation?: string;
}

/** A clerk held the original next to the copy (核验原件): the copy becomes B-level. */
export interface OriginalCheck {
  clerkId: string;
  at: string;
}

/** A scanned (or photographed) material: C-level (复印件) until a clerk checks the original. */
export interface CapturedMaterial {
  materialId: string;
  /** Object URL or data URL, only for preview in this session. */
  previewUrl: string;
  /** The SHA-256 the host stored the page under (what the county will fetch). */
  sha256: string;
  size: number;
  contentType: 'image/jpeg' | 'image/png';
  credibility: 'scanned' | 'photo' | 'idCardChip';
  verified: false;
}

/** What the materials screen asks to be captured, with the facts the host's privacy rule needs. */
export interface MaterialCaptureRequest {
  materialId: string;
  /** The catalogue marks this material as the ID card (a copy the service requires). */
  idCard: boolean;
  /** The villager agreed on the separate ID-copy consent screen. */
  villagerConsented: boolean;
}

/** Scanner progress for the screen to put in words. */
export type CaptureProgress =
  | { kind: 'state'; messageZh: string; messageEn: string }
  | { kind: 'page'; pageNumber: number; percent: number };

export interface Signature {
  pngDataUrl: string;
  sha256: string;
  size: number;
}

/** What the renderer hands to the queue: exactly the contract's `queue.submit` input. */
export type { ApplicationDraft } from '../../contract/queue';

export interface SubmitResult {
  applicationId: string;
  trackingNumber: string;
  submittedAt: string;
  /** True when the county has not acknowledged it yet (offline): the UI must say so. */
  queued: boolean;
}

export type PrintOutcome = 'printed' | 'failed' | 'unavailable';

export interface RatingDraft {
  applicationId: string | null;
  serviceId: string | null;
  level: 1 | 2 | 3 | 4 | 5;
  reasonTags: string[];
  templateVersion: string;
}

export interface ApplicationSummary {
  applicationId: string;
  trackingNumber: string;
  serviceId: string;
  submittedAt: string;
  status: ApplicationStatus;
  history: Array<{ status: ApplicationStatus; at: string; note?: string }>;
  staffNote: string | null;
}

export type LinkState = 'online' | 'offline' | 'unknown';
