import { describe, expect, it } from 'vitest';
import { validateFormValues } from '../../../sync/protocol/formValues';
import { seedCatalog } from '../catalog/catalogData';
import { personFromCard } from '../forms/prefill';
import type { Identity } from '../journeyTypes';
import { demoCard } from '../ports/demoCard';
import { initialJourney, journeyReducer, needsIdCopyConsent, previousStep } from './journeyState';
import { buildDraft, buildReceipt } from './submission';

const card = demoCard();
const identity: Identity = { method: 'idcard', person: personFromCard(card), card, clerk: null };
const service = seedCatalog.find((s) => s.id === 'S06-gaoling-jintie')!;

describe('journey state', () => {
  it('walks identify → home → guide → consent → prefilled form → id copy consent → materials', () => {
    let s = journeyReducer(initialJourney(), { type: 'identified', identity });
    expect(s.step).toBe('home');
    s = journeyReducer(s, { type: 'chooseService', service });
    expect(s.step).toBe('guide');
    s = journeyReducer(s, { type: 'apply' });
    expect(s.step).toBe('consent');
    s = journeyReducer(s, { type: 'consent', at: '2026-11-29T10:00:00+08:00' });
    expect(s.step).toBe('form');
    expect(s.values.name).toBe('李秀英');
    expect(s.values.householdAddress).toEqual({ division: '441622124000', detail: '小长沙村三组12号' });
    expect(s.prefilled).toContain('idNumber');
    expect(needsIdCopyConsent(s)).toBe(true);
    s = journeyReducer(s, { type: 'formDone' });
    expect(s.step).toBe('idCopyConsent');
    expect(previousStep(s)).toBe('form');
    s = journeyReducer(s, { type: 'idCopyConsent', agreed: true });
    expect(s.step).toBe('materials');
    s = journeyReducer(s, { type: 'materialsDone' });
    expect(s.step).toBe('signature');
  });

  it('a service chosen before identifying opens the prefilled form once the card is read', () => {
    let s = journeyReducer(initialJourney('home'), { type: 'chooseService', service });
    s = journeyReducer(s, { type: 'apply' });
    expect(s.step).toBe('consent');
    s = journeyReducer(s, { type: 'consent', at: '2026-11-29T10:00:00+08:00' });
    expect(s.step).toBe('identify');
    s = journeyReducer(s, { type: 'identified', identity });
    expect(s.step).toBe('form');
    expect(s.values.idNumber).toBe('441622195203150022');
  });

  it('builds a draft the county accepts, with the signature as a file, and a receipt', () => {
    let s = journeyReducer(initialJourney(), { type: 'identified', identity });
    s = journeyReducer(s, { type: 'chooseService', service });
    s = journeyReducer(s, { type: 'consent', at: '2026-11-29T10:00:00+08:00' });
    for (const [field, value] of Object.entries({
      phone: '13812345678',
      bankAccount: { holder: '李秀英', account: '6228480123456789012', bank: '农业银行' },
    })) {
      s = journeyReducer(s, { type: 'setValue', field, value });
    }
    s = journeyReducer(s, {
      type: 'signed',
      signature: { pngDataUrl: 'data:', sha256: 'a'.repeat(64), size: 10 },
    });
    const draft = buildDraft(s);
    expect(validateFormValues(service, draft.formValues)).toEqual([]);
    expect(draft.materials.map((m) => m.materialId)).toContain('signature');
    expect(draft.applicant.phone).toBe('13812345678');
    s = journeyReducer(s, {
      type: 'submitted',
      result: {
        applicationId: 'x',
        trackingNumber: '44162212400101-20261129-0001',
        submittedAt: 'now',
        queued: true,
      },
    });
    const receipt = buildReceipt(s, {
      siteName: '小长沙村',
      kioskId: 'k1',
      statusUrl: 'https://x.cn/s',
      townOfficePhone: '0762',
    });
    expect(receipt.queuedOffline).toBe(true);
    expect(receipt.legalProcessingTime).toMatch(/个工作日|以部门/);
  });
});
