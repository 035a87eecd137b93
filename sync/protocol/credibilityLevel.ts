import type { MaterialRef } from './documents';

/**
 * Material credibility levels of 国办函〔2016〕108号 (《"互联网+政务服务"技术体系建设指南》):
 * A — 证照批文 produced by the issuing authority; B — checked by window staff against the original;
 * C — uploaded by the applicant, to be checked against the original before use; D — the
 * applicant's own declaration. How a material was obtained (`credibility`) stays what it was; the
 * level is derived from it and from the clerk's original check, so neither can contradict the other.
 */
export type CredibilityLevel = 'A' | 'B' | 'C' | 'D';

export function credibilityLevel(
  material: Pick<MaterialRef, 'credibility' | 'originalCheck'>,
): CredibilityLevel {
  switch (material.credibility) {
    // The chip's data is signed by the issuing public-security bureau and authenticated by the SAM.
    case 'idCardChip':
      return 'A';
    case 'declared':
      return 'D';
    case 'scanned':
    case 'photo':
      return material.originalCheck ? 'B' : 'C';
  }
}

/** Only copies can be checked against an original: a chip read or a declaration has none. */
export function canCheckOriginal(credibility: MaterialRef['credibility']): boolean {
  return credibility === 'scanned' || credibility === 'photo';
}
