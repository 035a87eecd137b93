import { describe, expect, it } from 'vitest';
import { auditDetails, auditLabel } from './auditLabels';
import { statusLabel } from './statusLabels';

describe('audit labels', () => {
  it('names staff actions in Chinese and keeps unknown ones readable', () => {
    expect(auditLabel('application.accept')).toBe('受理');
    expect(auditLabel('device.revoke')).toBe('停用设备');
    expect(auditLabel('staff.create')).toBe('staff.create');
  });

  it('turns status changes and extra details into one line', () => {
    expect(auditDetails({ from: 'received', to: 'accepted' }, statusLabel)).toBe('已收件 → 已受理');
    expect(auditDetails({ siteName: '下蓝村', version: 2, note: null }, statusLabel)).toBe(
      'siteName: 下蓝村；version: 2',
    );
    expect(auditDetails(null, statusLabel)).toBe('');
  });
});
