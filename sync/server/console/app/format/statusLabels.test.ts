import { describe, expect, it } from 'vitest';
import { APPLICATION_STATUSES } from '../../../../protocol/documents';
import { actionsFor, noteProblem, STATUS_LABELS, statusLabel, statusTone } from './statusLabels';

describe('status labels', () => {
  it('has a distinct Chinese label for every protocol status', () => {
    const labels = APPLICATION_STATUSES.map((s) => STATUS_LABELS[s]);
    expect(labels.every((l) => /[\u4e00-\u9fff]/.test(l))).toBe(true);
    expect(new Set(labels).size).toBe(APPLICATION_STATUSES.length);
    expect(statusLabel('accepted')).toBe('已受理');
    expect(statusLabel('correctionRequired')).toBe('待补正');
  });

  it('shows an unknown status as it is instead of hiding it', () => {
    expect(statusLabel('archived')).toBe('archived');
    expect(statusTone('archived')).toBe('new');
    expect(statusTone('notAccepted')).toBe('refused');
  });

  it('offers only the actions the gateway allows from each status', () => {
    const names = (s: string) => actionsFor(s).map((a) => a.label);
    expect(names('received')).toEqual(['受理', '补正', '不予受理']);
    expect(names('accepted')).toEqual(['补正', '办结', '不予受理']);
    expect(names('correctionRequired')).toEqual(['受理', '不予受理']);
    expect(names('completed')).toEqual([]);
    expect(names('rejected')).toEqual([]);
  });

  it('requires a reason for 补正 and 不予受理 but not for 受理', () => {
    expect(noteProblem('accept', '')).toBeNull();
    expect(noteProblem('requestCorrection', '  ')).toBe('补正需要写明原因。');
    expect(noteProblem('refuse', '')).toBe('不予受理需要写明原因。');
    expect(noteProblem('refuse', '不符合条件')).toBeNull();
    expect(noteProblem('complete', 'x'.repeat(1001))).toBe('备注不能超过1000字。');
  });
});
