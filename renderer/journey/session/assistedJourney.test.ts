import { describe, expect, it } from 'vitest';
import { applicationDraft } from '../../../contract/queue';
import { credibilityLevel } from '../../../sync/protocol/credibilityLevel';
import { seedCatalog } from '../catalog/catalogData';
import { personFromCard } from '../forms/prefill';
import type { CapturedMaterial, Identity } from '../journeyTypes';
import { demoCard } from '../ports/demoCard';
import { initialJourney, type JourneyState, journeyReducer } from './journeyState';
import { buildDraft } from './submission';

/** 代办 and 核验原件 in the journey's reducer and in the draft the queue receives. */
const clerk = { clerkId: '9001', name: '演*员' };
const service = seedCatalog.find((s) => s.id === 'S13-shebaoka-shenling')!;
const page = (materialId: string, sha: string): CapturedMaterial => ({
  materialId,
  previewUrl: 'data:image/jpeg;base64,',
  sha256: sha.repeat(64),
  size: 100,
  contentType: 'image/jpeg',
  credibility: 'scanned',
  verified: false,
});
const manual: Identity = {
  method: 'clerk',
  person: { name: '蓝阿婆', idNumber: '11010519491231002X' },
  card: null,
  clerk,
  relation: '子女',
};
const check = (at: string) => ({ clerkId: '9001', at });

function toMaterials(identity: Identity, authorisation?: CapturedMaterial): JourneyState {
  let s = journeyReducer(initialJourney('clerk'), { type: 'identified', identity, authorisation });
  s = journeyReducer(s, { type: 'chooseService', service });
  s = journeyReducer(s, { type: 'apply' });
  s = journeyReducer(s, { type: 'consent', at: '2026-12-04T10:00:00+08:00' });
  return journeyReducer(s, { type: 'formDone' });
}

describe('assisted journey', () => {
  it('keeps the authorisation scanned at manual entry through the service choice into the draft', () => {
    let s = toMaterials(manual, page('authorisation', 'a'));
    expect(s.step).toBe('materials');
    expect(Object.keys(s.materials)).toEqual(['authorisation']);
    s = journeyReducer(s, { type: 'material', material: page('photoReceipt', 'b') });
    s = journeyReducer(s, {
      type: 'originalCheck',
      materialId: 'authorisation',
      check: check('2026-12-04T02:01:00Z'),
    });
    s = journeyReducer(s, {
      type: 'originalCheck',
      materialId: 'photoReceipt',
      check: check('2026-12-04T02:02:00Z'),
    });
    const draft = buildDraft(s);
    expect(draft.assistedBy).toEqual({ ...clerk, identifiedBy: 'manual', relation: '子女' });
    expect(draft.materials.map((m) => [m.materialId, m.originalCheck, credibilityLevel(m)])).toEqual([
      ['authorisation', check('2026-12-04T02:01:00Z'), 'B'],
      ['photoReceipt', check('2026-12-04T02:02:00Z'), 'B'],
    ]);
    // The contract accepts it as it stands.
    expect(applicationDraft.safeParse(draft).success).toBe(true);
  });

  it('a new scan drops the check of the old page; unchecking drops it too', () => {
    let s = toMaterials(manual, page('authorisation', 'a'));
    s = journeyReducer(s, { type: 'material', material: page('photoReceipt', 'b') });
    s = journeyReducer(s, {
      type: 'originalCheck',
      materialId: 'photoReceipt',
      check: check('2026-12-04T02:02:00Z'),
    });
    s = journeyReducer(s, { type: 'material', material: page('photoReceipt', 'c') });
    expect(s.originalChecks.photoReceipt).toBeUndefined();
    s = journeyReducer(s, {
      type: 'originalCheck',
      materialId: 'authorisation',
      check: check('2026-12-04T02:03:00Z'),
    });
    s = journeyReducer(s, { type: 'originalCheck', materialId: 'authorisation', check: null });
    const draft = buildDraft(s);
    expect(draft.materials.every((m) => m.originalCheck === null)).toBe(true);
    expect(draft.materials.map((m) => credibilityLevel(m))).toEqual(['C', 'C']);
  });

  it('refuses a check without an assisting clerk or for a material not captured', () => {
    const card = demoCard();
    const villager: Identity = { method: 'idcard', person: personFromCard(card), card, clerk: null };
    let s = toMaterials(villager);
    s = journeyReducer(s, { type: 'material', material: page('photoReceipt', 'b') });
    s = journeyReducer(s, {
      type: 'originalCheck',
      materialId: 'photoReceipt',
      check: check('2026-12-04T02:02:00Z'),
    });
    s = journeyReducer(s, {
      type: 'originalCheck',
      materialId: 'nothing',
      check: check('2026-12-04T02:02:00Z'),
    });
    expect(s.originalChecks).toEqual({});
    const draft = buildDraft(s);
    expect(draft.assistedBy).toBeNull();
    expect(draft.materials[0]!.originalCheck).toBeNull();
  });

  it('a card read during 代办 records the clerk as identified by card, and the villager may rate', () => {
    const card = demoCard();
    const byCard: Identity = { method: 'idcard', person: personFromCard(card), card, clerk };
    let s = toMaterials(byCard);
    expect(buildDraft(s).assistedBy).toEqual({ ...clerk, identifiedBy: 'idcard' });
    s = journeyReducer(s, { type: 'rate' });
    expect(s.step).toBe('rating');
  });

  it('with the applicant entered by hand nobody is asked to rate: the clerk never rates', () => {
    let s = toMaterials(manual, page('authorisation', 'a'));
    s = journeyReducer(s, { type: 'rate' });
    expect(s.step).toBe('thanks');
  });
});
