import type { ApplicationDocument, RatingDocument, SettingsDocument } from '../../../../protocol/documents';
import type { ServiceDocument } from '../../../../protocol/forms';
import type { Heartbeat } from '../../../../protocol/heartbeat';

/** Response shapes of the staff API (sync/server/staffRoutes.ts), as the console reads them. */
export interface StaffSession {
  staffId: string;
  username: string;
  displayName: string;
  role: 'admin' | 'clerk';
}

export interface ApplicationSummary {
  id: string;
  trackingNumber: string;
  siteDivision: string;
  serviceId: string;
  status: string;
  submittedAt: string;
  filesComplete: boolean;
  applicantMasked: string;
}

export interface ApplicationFilters {
  town?: string;
  serviceId?: string;
  status?: string;
  q?: string;
  limit?: number;
  offset?: number;
}

export interface StoredFile {
  id: string;
  sha256: string;
  contentType: string;
  size: number;
  state: 'uploading' | 'verified' | 'mismatch' | string;
}

/** Another application linked by 补正 (sync/server/supplementLinks.ts). */
export interface LinkedApplication {
  id: string;
  trackingNumber: string;
  status: string;
  submittedAt: string;
  filesComplete: boolean;
}

export interface ApplicationDetail {
  application: ApplicationDocument;
  files: StoredFile[];
  /** Supplements a kiosk sent for this application (补正), oldest first. */
  supplements?: LinkedApplication[];
  /** When this one is a supplement: the application it completes. */
  supplementOf?: LinkedApplication | null;
}

export interface DeviceRow {
  id: string;
  division: string;
  siteCode: string;
  siteName: string;
  bundle: string;
  label: string | null;
  appVersion: string | null;
  enrolledAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
  lastHeartbeat: Heartbeat | null;
}

/** A kiosk's remote settings as the county holds them (GET/PUT /v1/staff/devices/:id/settings). */
export type DeviceSettings = SettingsDocument;
export type DeviceSettingsPatch = Partial<
  Pick<SettingsDocument, 'openingHours' | 'idleTimeoutSeconds' | 'enabledServices' | 'powerSchedule'>
>;

export interface EnrollmentCodeRow {
  division: string;
  siteName: string;
  bundle: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  deviceId: string | null;
}

export interface CreatedEnrollmentCode {
  code: string;
  display: string;
  expiresAt: string;
  qrPayload: string;
}

export interface RatingStats {
  byLevel: Array<{ level: number; n: number }>;
  badReviews: RatingDocument[];
}

export interface AuditRow {
  id: string;
  username: string;
  action: string;
  target: string | null;
  details: Record<string, unknown> | null;
  at: string;
}

export type { ApplicationDocument, RatingDocument, ServiceDocument };
