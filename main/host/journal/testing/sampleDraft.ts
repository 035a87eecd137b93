import type { ApplicationDraft } from '../../../../contract/queue';
import type { MaterialRef } from '../../../../sync/protocol/documents';

/**
 * A valid S06 (高龄津贴) draft for a fictitious person with a valid ID check digit; the county's
 * seeded catalogue accepts it. Division 441625200001 matches the gateway test harness.
 */
export function sampleDraft(materials: MaterialRef[] = []): ApplicationDraft {
  return {
    serviceId: 'S06-gaoling-jintie',
    serviceVersion: 1,
    applicant: { name: '蓝阿婆', idNumber: '11010519491231002X', phone: '13800138000' },
    agent: null,
    formValues: {
      name: '蓝阿婆',
      idNumber: '11010519491231002X',
      gender: '2',
      phone: '13800138000',
      householdAddress: { division: '441625200001', detail: '下蓝村3号' },
      birthDate: '1944-05-01',
      bankAccount: { holder: '蓝阿婆', account: '6221880012345678', bank: '东源农商银行' },
      signature: 'a'.repeat(64),
    },
    materials,
    assistedBy: null,
    supplementOf: null,
  };
}
