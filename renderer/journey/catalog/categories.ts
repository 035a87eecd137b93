import type { ServiceDocument } from '../../../sync/protocol/forms';

export const CATEGORIES = ['shebao', 'minzheng', 'canlian', 'weijian', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

/**
 * Villagers think in "what I need" (pension, allowance, disability card), not in departments;
 * the catalogue has no category field yet, so the department decides, the way the 粤智助 menus
 * group them. 残联 wins over 民政 for the joint disability allowances.
 */
export function categoryOf(service: Pick<ServiceDocument, 'department'>): Category {
  const d = service.department;
  if (d.includes('残联')) return 'canlian';
  if (/人社|社保|医保|税务/.test(d)) return 'shebao';
  if (d.includes('民政')) return 'minzheng';
  if (d.includes('卫健')) return 'weijian';
  return 'other';
}

/**
 * Most used first: the county's usage order when known, then this kiosk's own counts (service
 * ids only, no personal data), then the catalogue order.
 */
export function byUsage<T extends { id: string }>(
  services: T[],
  usage: Readonly<Record<string, number>>,
): T[] {
  return services
    .map((s, index) => ({ s, index, uses: usage[s.id] ?? 0 }))
    .sort((a, b) => b.uses - a.uses || a.index - b.index)
    .map(({ s }) => s);
}

/** Seed usage until the county sends real figures: the services villages ask for most. */
export const SEED_USAGE: Readonly<Record<string, number>> = {
  'S01-yanglao-canbao': 50,
  'S04-yibao-canbao': 45,
  'S06-gaoling-jintie': 40,
  'S13-shebaoka-shenling': 30,
  'S09-dibao': 20,
};
