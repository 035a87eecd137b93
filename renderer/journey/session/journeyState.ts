import { AUTHORISATION_MATERIAL_ID } from '../../../sync/protocol/documents';
import type { ServiceDocument } from '../../../sync/protocol/forms';
import { prefillValues } from '../forms/prefill';
import type {
  CapturedMaterial,
  Identity,
  OriginalCheck,
  PrintOutcome,
  Signature,
  SubmitResult,
} from '../journeyTypes';

/**
 * One person's session as a pure reducer: which screen, and everything they entered. It lives
 * only in React state of a component that is remounted for the next person, so ending a session
 * cannot leave any of it behind.
 */
export type Step =
  | 'identify'
  | 'clerk'
  | 'home'
  | 'guide'
  | 'consent'
  | 'form'
  | 'idCopyConsent'
  | 'materials'
  | 'signature'
  | 'review'
  | 'submitting'
  | 'receipt'
  | 'rating'
  | 'thanks'
  | 'myApplications';

export interface JourneyState {
  step: Step;
  identity: Identity | null;
  service: ServiceDocument | null;
  values: Record<string, unknown>;
  prefilled: string[];
  fieldIndex: number;
  materials: Record<string, CapturedMaterial>;
  /** 代办: materials the assisting clerk checked against the original, by material id. */
  originalChecks: Record<string, OriginalCheck>;
  /** null until asked; false sends the villager to show the original at the window. */
  idCopyConsent: boolean | null;
  consentAt: string | null;
  signature: Signature | null;
  result: SubmitResult | null;
  print: PrintOutcome | null;
  error: string | null;
}

export const initialJourney = (step: Step = 'identify'): JourneyState => ({
  step,
  identity: null,
  service: null,
  values: {},
  prefilled: [],
  fieldIndex: 0,
  materials: {},
  originalChecks: {},
  idCopyConsent: null,
  consentAt: null,
  signature: null,
  result: null,
  print: null,
  error: null,
});

export type JourneyAction =
  | { type: 'identified'; identity: Identity; authorisation?: CapturedMaterial }
  | { type: 'go'; step: Step }
  | { type: 'chooseService'; service: ServiceDocument }
  | { type: 'apply' }
  | { type: 'consent'; at: string }
  | { type: 'setValue'; field: string; value: unknown }
  | { type: 'setFieldIndex'; index: number }
  | { type: 'formDone' }
  | { type: 'idCopyConsent'; agreed: boolean }
  | { type: 'material'; material: CapturedMaterial }
  | { type: 'originalCheck'; materialId: string; check: OriginalCheck | null }
  | { type: 'materialsDone' }
  | { type: 'signed'; signature: Signature }
  | { type: 'submitting' }
  | { type: 'submitted'; result: SubmitResult }
  | { type: 'submitFailed'; message: string }
  | { type: 'printed'; outcome: PrintOutcome }
  | { type: 'rate' }
  | { type: 'rated' };

/** Fields the form screen asks one by one; the signature has its own screen. */
export function formFields(service: ServiceDocument) {
  return service.form.fields.filter((f) => f.type !== 'signature');
}

/** A copy of the ID card is made from the chip only with its own, separate consent. */
export function needsIdCopyConsent(state: Pick<JourneyState, 'service' | 'identity'>): boolean {
  return Boolean(state.service?.materials.some((m) => m.fromIdCard) && state.identity?.card);
}

function withPrefill(state: JourneyState): JourneyState {
  if (!state.service || !state.identity) return state;
  const { values, prefilled } = prefillValues(state.service, state.identity.person, state.values);
  return { ...state, values, prefilled: [...new Set([...state.prefilled, ...prefilled])] };
}

/** Where "back" leads from each screen (submitting and later cannot go back). */
export function previousStep(state: JourneyState): Step | null {
  switch (state.step) {
    case 'clerk':
    case 'myApplications':
      return 'identify';
    case 'guide':
      return 'home';
    case 'consent':
      return 'guide';
    case 'form':
      return 'consent';
    case 'idCopyConsent':
      return 'form';
    case 'materials':
      return needsIdCopyConsent(state) ? 'idCopyConsent' : 'form';
    case 'signature':
      return 'materials';
    case 'review':
      return 'signature';
    default:
      return null;
  }
}

/** The authorisation document belongs to the applicant, not to the service: it survives a change of service. */
function onlyAuthorisation<T>(byMaterial: Record<string, T>): Record<string, T> {
  const kept = byMaterial[AUTHORISATION_MATERIAL_ID];
  return kept ? { [AUTHORISATION_MATERIAL_ID]: kept } : {};
}

/** Entered by hand with an authorisation document: the person is not at the kiosk, so nobody rates. */
export function applicantAbsent(state: Pick<JourneyState, 'identity'>): boolean {
  return state.identity?.method === 'clerk';
}

export function journeyReducer(state: JourneyState, action: JourneyAction): JourneyState {
  switch (action.type) {
    case 'identified': {
      const next = {
        ...state,
        identity: action.identity,
        error: null,
        ...(action.authorisation
          ? { materials: { ...state.materials, [AUTHORISATION_MATERIAL_ID]: action.authorisation } }
          : {}),
      };
      // "我的办件" only needs to know whose applications to show.
      if (state.step === 'myApplications') return next;
      // A service chosen (and consented to) before identifying goes straight to the prefilled form.
      if (state.service && state.consentAt) return withPrefill({ ...next, step: 'form', fieldIndex: 0 });
      if (state.service) return { ...next, step: 'consent' };
      return { ...next, step: 'home' };
    }
    case 'go':
      return { ...state, step: action.step, error: null };
    case 'chooseService':
      return {
        ...state,
        step: 'guide',
        service: action.service,
        values: {},
        prefilled: [],
        fieldIndex: 0,
        materials: onlyAuthorisation(state.materials),
        originalChecks: onlyAuthorisation(state.originalChecks),
        idCopyConsent: null,
        consentAt: null,
        signature: null,
      };
    case 'apply':
      // The PIPL notice comes before anything of the person is used for this service.
      return { ...state, step: 'consent' };
    case 'consent':
      if (!state.identity) return { ...state, consentAt: action.at, step: 'identify' };
      return withPrefill({ ...state, consentAt: action.at, step: 'form', fieldIndex: 0 });
    case 'setValue':
      return { ...state, values: { ...state.values, [action.field]: action.value } };
    case 'setFieldIndex':
      return { ...state, fieldIndex: action.index };
    case 'formDone':
      return { ...state, step: needsIdCopyConsent(state) ? 'idCopyConsent' : 'materials' };
    case 'idCopyConsent':
      return { ...state, idCopyConsent: action.agreed, step: 'materials' };
    case 'material': {
      // A new scan is a new copy: whatever was checked was the old page.
      const { [action.material.materialId]: _old, ...checks } = state.originalChecks;
      return {
        ...state,
        materials: { ...state.materials, [action.material.materialId]: action.material },
        originalChecks: checks,
      };
    }
    case 'originalCheck': {
      if (!state.identity?.clerk || !state.materials[action.materialId]) return state;
      const { [action.materialId]: _old, ...rest } = state.originalChecks;
      return {
        ...state,
        originalChecks: action.check ? { ...rest, [action.materialId]: action.check } : rest,
      };
    }
    case 'materialsDone': {
      const needsSignature = state.service?.form.fields.some((f) => f.type === 'signature');
      return { ...state, step: needsSignature ? 'signature' : 'review' };
    }
    case 'signed':
      return { ...state, signature: action.signature, step: 'review' };
    case 'submitting':
      return { ...state, step: 'submitting', error: null };
    case 'submitted':
      return { ...state, step: 'receipt', result: action.result };
    case 'submitFailed':
      return { ...state, step: 'review', error: action.message };
    case 'printed':
      return { ...state, print: action.outcome };
    case 'rate':
      // The clerk never rates (51号 自愿自主); with the applicant absent there is nobody to ask.
      return { ...state, step: applicantAbsent(state) ? 'thanks' : 'rating' };
    case 'rated':
      return { ...state, step: 'thanks' };
  }
}
