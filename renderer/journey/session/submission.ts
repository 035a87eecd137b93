import type { ReceiptModel } from '../../../drivers/printer/schemas';
import type { MaterialRef } from '../../../sync/protocol/documents';
import { submittedValue } from '../forms/fieldRules';
import type { ApplicationDraft } from '../journeyTypes';
import type { JourneyState } from './journeyState';

/**
 * Turns a finished session into the queue's application draft. The signature image is a file
 * like any material (the county keeps the picture); the signature field holds its SHA-256.
 */
export function buildDraft(state: JourneyState): ApplicationDraft {
  const { service, identity } = state;
  if (!service || !identity) throw new Error('draft without service or applicant');
  const formValues: Record<string, unknown> = {};
  for (const field of service.form.fields) {
    if (field.type === 'signature') {
      if (state.signature) formValues[field.id] = state.signature.sha256;
      continue;
    }
    const value = submittedValue(field, state.values[field.id]);
    if (value !== undefined) formValues[field.id] = value;
  }
  const materials: MaterialRef[] = Object.values(state.materials).map((m) => ({
    materialId: m.materialId,
    sha256: m.sha256,
    size: m.size,
    contentType: m.contentType,
    credibility: m.credibility,
    originalCheck: identity.clerk ? (state.originalChecks[m.materialId] ?? null) : null,
  }));
  if (state.signature) {
    materials.push({
      materialId: 'signature',
      sha256: state.signature.sha256,
      size: state.signature.size,
      contentType: 'image/png',
      credibility: 'declared',
      originalCheck: null,
    });
  }
  const phone = service.form.fields.find((f) => f.type === 'phone');
  const phoneValue = phone ? state.values[phone.id] : undefined;
  return {
    serviceId: service.id,
    serviceVersion: service.version,
    applicant: {
      ...identity.person,
      ...(typeof phoneValue === 'string' && phoneValue ? { phone: phoneValue } : {}),
    },
    agent: null,
    formValues,
    materials,
    // The host replaces the clerk's name with the registered one and refuses a clerk not signed in.
    assistedBy: identity.clerk
      ? {
          ...identity.clerk,
          identifiedBy: identity.method === 'clerk' ? 'manual' : 'idcard',
          ...(identity.relation ? { relation: identity.relation } : {}),
        }
      : null,
    supplementOf: null,
  };
}

const COLLECTION_ZH: Record<string, string> = {
  window: '到窗口领取',
  post: '邮寄',
  bankAccount: '发放到银行账户',
  onScreen: '当场显示',
  electronic: '电子证照',
};

/** The printed receipt; the printer layout masks the name and ID number itself. */
export function buildReceipt(
  state: JourneyState,
  kiosk: { siteName: string; kioskId: string; statusUrl: string; townOfficePhone: string },
): ReceiptModel {
  const { service, identity, result } = state;
  if (!service || !identity || !result) throw new Error('receipt before submission');
  const days = service.legalTimeLimitDays ?? service.promisedTimeLimitDays;
  return {
    siteName: kiosk.siteName,
    kioskId: kiosk.kioskId,
    serviceName: service.name.zh,
    trackingNumber: result.trackingNumber,
    statusUrl: kiosk.statusUrl,
    applicantName: identity.person.name,
    applicantIdNumber: identity.person.idNumber,
    materials: service.materials.map((m) => ({
      name: m.name.zh,
      received: Boolean(state.materials[m.id]) || (m.fromIdCard && Boolean(identity.card)),
    })),
    submittedAt: result.submittedAt,
    legalProcessingTime: days ? `${days} 个工作日` : '以部门公布为准',
    resultCollection: service.resultCollection.map((c) => COLLECTION_ZH[c] ?? c).join('、'),
    queuedOffline: result.queued,
    townOfficePhone: kiosk.townOfficePhone,
  };
}
