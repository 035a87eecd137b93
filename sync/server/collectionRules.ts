import type { z } from 'zod';
import { canCheckOriginal } from '../protocol/credibilityLevel';
import { type ApplicationDocument, AUTHORISATION_MATERIAL_ID } from '../protocol/documents';
import type { ServiceDocument } from '../protocol/forms';
import { validateFormValues } from '../protocol/formValues';
import { isValidIdNumber } from '../protocol/idNumber';
import { parseTrackingNumber } from '../protocol/ids';
import type { CollectionName } from '../protocol/replication';
import { documentSchemas, LOCAL_ONLY_FIELDS } from '../protocol/replication';
import { CrossSiteError, type DeviceIdentity, siteScope } from './deviceIdentity';

/**
 * What the county does with a document a kiosk pushes for the first time: check it belongs to
 * the kiosk's site (else 403), validate it, and set the county-owned fields. A document that is
 * valid JSON but unacceptable is stored and returned *as data* with a rejection reason, because
 * RxDB retries a 4xx forever and would block the kiosk's queue.
 */
export interface PushContext {
  now: Date;
  serviceVersion(id: string, version: number): Promise<ServiceDocument | null>;
  verifiedFiles(applicationId: string): Promise<Set<string>>;
  /** True when the county registered this clerk for the pushing kiosk's town (active or not since). */
  clerkOfTown(clerkId: string): Promise<boolean>;
  /** An application already at the county (for a 补正 supplement's original), or null. */
  storedApplication(id: string): Promise<{ scopes: string[]; body: Record<string, unknown> } | null>;
}

export interface PreparedDocument {
  scopes: string[];
  body: Record<string, unknown>;
  /** True when stored as rejected: the kiosk gets it back in the conflict list. */
  rejected: boolean;
}

export function stripLocalFields(doc: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...doc };
  for (const f of LOCAL_ONLY_FIELDS) delete copy[f];
  return copy;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

function assertOwnSite(raw: Record<string, unknown>, device: DeviceIdentity): void {
  if (raw.siteDivision !== undefined && raw.siteDivision !== device.division) {
    throw new CrossSiteError(String(raw.id));
  }
}

function rejectedCopy(
  collection: CollectionName,
  raw: Record<string, unknown>,
  device: DeviceIdentity,
  reason: string,
  now: Date,
) {
  const body: Record<string, unknown> = { ...raw, siteDivision: device.division, rejectionReason: reason };
  if (collection === 'applications') {
    body.status = 'rejected';
    body.history = [{ status: 'rejected', at: now.toISOString(), by: 'gateway', note: reason }];
    body.staffNote = null;
    body.filesComplete = false;
  }
  body._deleted = false;
  return { scopes: [siteScope(device.division)], body, rejected: true };
}

async function prepareApplication(
  raw: Record<string, unknown>,
  device: DeviceIdentity,
  ctx: PushContext,
): Promise<PreparedDocument> {
  const withCountyDefaults = {
    ...raw,
    status: 'received',
    history: [],
    rejectionReason: null,
    staffNote: null,
    filesComplete: false,
  };
  const parsed = documentSchemas.applications.safeParse(withCountyDefaults);
  if (!parsed.success)
    return rejectedCopy('applications', raw, device, `invalid: ${describeIssues(parsed.error)}`, ctx.now);
  const app = parsed.data;
  const tn = parseTrackingNumber(app.trackingNumber);
  if (!app.siteCode.startsWith(app.siteDivision) || tn?.site !== app.siteCode) {
    return rejectedCopy(
      'applications',
      raw,
      device,
      'trackingNumberMismatch: tracking number does not match site code',
      ctx.now,
    );
  }
  if (!isValidIdNumber(app.applicant.idNumber)) {
    return rejectedCopy(
      'applications',
      raw,
      device,
      'invalidIdNumber: applicant ID number fails its check digit',
      ctx.now,
    );
  }
  const assistProblem = assistedProblem(app);
  if (assistProblem) return rejectedCopy('applications', raw, device, assistProblem, ctx.now);
  // A clerk deactivated after an offline 代办 still counts: the application was made while they served.
  if (app.assistedBy && !(await ctx.clerkOfTown(app.assistedBy.clerkId))) {
    return rejectedCopy(
      'applications',
      raw,
      device,
      `unknownClerk: ${app.assistedBy.clerkId} is not a clerk of this town`,
      ctx.now,
    );
  }
  if (app.supplementOf) {
    const problem = await supplementProblem(app, device, ctx);
    if (problem) return rejectedCopy('applications', raw, device, problem, ctx.now);
  }
  const service = await ctx.serviceVersion(app.serviceId, app.serviceVersion);
  if (!service) {
    return rejectedCopy(
      'applications',
      raw,
      device,
      `unknownService: ${app.serviceId} v${app.serviceVersion} is not in the catalogue`,
      ctx.now,
    );
  }
  const problems = validateFormValues(service, app.formValues);
  if (problems.length > 0) {
    const list = problems.map((p) => `${p.field}:${p.code}`).join(', ');
    return rejectedCopy('applications', raw, device, `invalidForm: ${list}`, ctx.now);
  }
  const verified = await ctx.verifiedFiles(app.id);
  app.filesComplete = app.materials.every((m) => verified.has(m.sha256));
  app.history = [{ status: 'received', at: ctx.now.toISOString(), by: 'gateway' }];
  return { scopes: [siteScope(device.division)], body: app, rejected: false };
}

/** Clock skew allowed between a clerk's original check and the submission time, both kiosk clocks. */
const CHECK_SKEW_MS = 5 * 60_000;

/**
 * 代办 and 核验原件 travel together: a B-level material needs the clerk who assisted, and an
 * applicant typed in without a card needs the authorisation document and who asked.
 */
function assistedProblem(app: ApplicationDocument): string | null {
  const clerk = app.assistedBy;
  for (const m of app.materials) {
    if (!m.originalCheck) continue;
    if (!clerk) return `originalCheckWithoutClerk: ${m.materialId} is marked checked but nobody assisted`;
    if (m.originalCheck.clerkId !== clerk.clerkId) {
      return `originalCheckByOtherClerk: ${m.materialId} was checked by a clerk who did not assist`;
    }
    if (!canCheckOriginal(m.credibility)) {
      return `originalCheckNotACopy: ${m.materialId} (${m.credibility}) has no original to check`;
    }
    if (Date.parse(m.originalCheck.at) > Date.parse(app.submittedAt) + CHECK_SKEW_MS) {
      return `originalCheckAfterSubmission: ${m.materialId} was checked after the application was made`;
    }
  }
  if (clerk?.identifiedBy === 'manual') {
    if (!clerk.relation) return 'manualEntryWithoutRelation: who asked for the application is missing';
    if (!app.materials.some((m) => m.materialId === AUTHORISATION_MATERIAL_ID)) {
      return 'manualEntryWithoutAuthorisation: an applicant entered by hand needs the 委托书 / 授权书';
    }
  }
  return null;
}

/**
 * A 补正 supplement completes an application the county asked to correct: it must point at an
 * application of the same site (never reveal whether another site's id exists), for the same
 * applicant and service, and not at a supplement or a refused document. Why it was refused goes
 * back to the kiosk as data, like every other rejection.
 */
async function supplementProblem(
  app: { supplementOf: string | null; serviceId: string; applicant: { idNumber: string } },
  device: DeviceIdentity,
  ctx: PushContext,
): Promise<string | null> {
  const original = await ctx.storedApplication(app.supplementOf!);
  if (!original?.scopes.includes(siteScope(device.division))) {
    return 'unknownOriginal: the application this supplement completes is not known for this site';
  }
  const body = original.body as {
    status?: string;
    serviceId?: string;
    supplementOf?: string | null;
    applicant?: { idNumber?: string };
  };
  if (body.status === 'rejected' || body.supplementOf) {
    return 'badOriginal: a supplement must complete an accepted application, not a rejected one or another supplement';
  }
  if (body.serviceId !== app.serviceId) {
    return 'supplementServiceMismatch: the supplement is for a different service than its original';
  }
  if ((body.applicant?.idNumber ?? '').toUpperCase() !== app.applicant.idNumber.toUpperCase()) {
    return 'supplementApplicantMismatch: the supplement names a different applicant than its original';
  }
  return null;
}

function prepareRating(raw: Record<string, unknown>, device: DeviceIdentity, now: Date): PreparedDocument {
  const parsed = documentSchemas.ratings.safeParse({ ...raw, followUp: null, rejectionReason: null });
  if (!parsed.success)
    return rejectedCopy('ratings', raw, device, `invalid: ${describeIssues(parsed.error)}`, now);
  const rating = parsed.data;
  // 差评 must say why (GB/T 39734 practice), so it can be followed up.
  if (rating.level <= 2 && rating.reasonTags.length === 0 && !rating.comment) {
    return rejectedCopy('ratings', raw, device, 'reasonRequired: a 差评 needs a reason tag or comment', now);
  }
  if (rating.level <= 2) rating.followUp = { status: 'open', note: '', at: now.toISOString() };
  return { scopes: [siteScope(device.division)], body: rating, rejected: false };
}

function prepareAudit(raw: Record<string, unknown>, device: DeviceIdentity, now: Date): PreparedDocument {
  const parsed = documentSchemas.audit.safeParse({ ...raw, rejectionReason: null });
  if (!parsed.success)
    return rejectedCopy('audit', raw, device, `invalid: ${describeIssues(parsed.error)}`, now);
  return { scopes: [siteScope(device.division)], body: parsed.data, rejected: false };
}

/** Prepares a new kiosk document, or throws CrossSiteError. */
export async function prepareNewDocument(
  collection: CollectionName,
  raw: Record<string, unknown>,
  device: DeviceIdentity,
  ctx: PushContext,
): Promise<PreparedDocument> {
  assertOwnSite(raw, device);
  switch (collection) {
    case 'applications':
      return prepareApplication(raw, device, ctx);
    case 'ratings':
      return prepareRating(raw, device, ctx.now);
    case 'audit':
      return prepareAudit(raw, device, ctx.now);
    default:
      throw new Error(`${collection} is not pushable`);
  }
}

/** Scopes of county-written documents. */
export function countyDocumentScopes(collection: CollectionName, body: Record<string, unknown>): string[] {
  switch (collection) {
    case 'services': {
      const regions = (body.regions as string[] | undefined) ?? ['*'];
      return regions.includes('*') ? ['all'] : regions.map((r) => `county:${r}`);
    }
    case 'clerks':
      return [`town:${body.town}`];
    case 'announcements': {
      const towns = (body.towns as string[] | undefined) ?? [];
      return towns.length === 0 ? ['all'] : towns.map((t) => `town:${t}`);
    }
    case 'settings':
      return [`device:${body.id}`];
    default:
      return [siteScope(String(body.siteDivision))];
  }
}
