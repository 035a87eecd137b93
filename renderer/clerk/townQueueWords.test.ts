import { describe, expect, it } from 'vitest';
import type { TownQueueItem } from '../../contract/clerkQueue';
import { matchesFilter, rejectionWords, statusWords, syncStateWords } from './townQueueWords';

const item = (over: Partial<TownQueueItem>): TownQueueItem => ({
  applicationId: 'a',
  trackingNumber: '44162520000101-20261204-0001',
  serviceId: 'S06-gaoling-jintie',
  submittedAt: '2026-12-04T03:05:00Z',
  applicantMasked: '蓝*婆',
  syncState: 'atCounty',
  status: 'received',
  rejectionReason: null,
  staffNote: null,
  materialIds: [],
  supplementOf: null,
  supplements: [],
  assisted: false,
  ...over,
});

describe('town queue words', () => {
  it('filters by what the clerk must act on', () => {
    const queued = item({ syncState: 'queued', status: 'submitted' });
    const files = item({ syncState: 'filesPending' });
    const rejected = item({ status: 'rejected', rejectionReason: 'invalidIdNumber: x' });
    const refused = item({ status: 'notAccepted' });
    const correction = item({ status: 'correctionRequired' });
    const all = [queued, files, rejected, refused, correction, item({})];
    expect(all.filter((i) => matchesFilter(i, 'all'))).toHaveLength(6);
    expect(all.filter((i) => matchesFilter(i, 'pending'))).toEqual([queued, files]);
    expect(all.filter((i) => matchesFilter(i, 'rejected'))).toEqual([rejected, refused]);
    expect(all.filter((i) => matchesFilter(i, 'correction'))).toEqual([correction]);
  });

  it('says each state in words, and a supplemented 补正 as done', () => {
    expect(syncStateWords(item({ syncState: 'queued' }))).toContain('本机');
    expect(syncStateWords(item({ syncState: 'filesPending' }))).toContain('材料还在上传');
    expect(statusWords(item({ status: 'correctionRequired' }))).toBe('需补正');
    expect(statusWords(item({ status: 'correctionRequired', supplements: ['x'] }))).toBe('补正材料已提交');
  });

  it('turns gateway reason codes into words and never shows the English detail', () => {
    expect(rejectionWords('invalidIdNumber: applicant ID number fails its check digit')).toContain('校验位');
    expect(rejectionWords('somethingNew: detail in English')).not.toMatch(/[A-Za-z]/);
    expect(rejectionWords('')).toBeNull();
    expect(rejectionWords(null)).toBeNull();
  });
});
