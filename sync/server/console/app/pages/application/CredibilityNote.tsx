import { credibilityLevel } from '../../../../../protocol/credibilityLevel';
import type { ApplicationDocument } from '../../api/types';
import { formatDateTime } from '../../format/formatters';

type Material = ApplicationDocument['materials'][number];

const HOW: Record<Material['credibility'], string> = {
  idCardChip: '身份证芯片读取',
  scanned: '扫描件',
  photo: '拍照件',
  declared: '本人承诺',
};

/**
 * The material's level in the 国办函〔2016〕108号 sense, in the words staff use: a copy a clerk
 * checked against the original at the kiosk is B; one nobody checked is C and needs the original.
 */
export function CredibilityNote({ material }: { material: Material }) {
  // Documents from kiosks older than 核验原件 have no field at all: not checked.
  const check = material.originalCheck ?? null;
  const level = credibilityLevel({ credibility: material.credibility, originalCheck: check });
  if (level === 'B' && check) {
    return (
      <span className="credibility credibility-b" data-level="B">
        {HOW[material.credibility]} · 已核验原件（B级）· 工作人员 {check.clerkId} 于{' '}
        {formatDateTime(check.at)}
      </span>
    );
  }
  if (level === 'C') {
    return (
      <span className="credibility credibility-c" data-level="C">
        {HOW[material.credibility]} · 复印件待核验（C级）
      </span>
    );
  }
  return (
    <span className="credibility" data-level={level}>
      {HOW[material.credibility]}（{level}级）
    </span>
  );
}
