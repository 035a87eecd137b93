import type { RatingDraft } from '../journeyTypes';

/**
 * 好差评 reason tags come from a versioned template: the county compares tags across kiosks and
 * months only when it knows which wording the villager saw, so every rating carries the version.
 * The county can publish a new template later; this is the one shipped with the kiosk.
 */
export interface RatingTemplate {
  version: string;
  /** Levels that need at least one reason (差评). */
  reasonLevels: ReadonlyArray<RatingDraft['level']>;
  reasons: ReadonlyArray<{ id: string; zh: string; en: string }>;
}

export const RATING_TEMPLATE: RatingTemplate = {
  version: '2026.1',
  reasonLevels: [1, 2],
  reasons: [
    { id: 'guideUnclear', zh: '办事指南看不懂', en: 'Guide hard to understand' },
    { id: 'tooManyMaterials', zh: '要的材料太多', en: 'Too many documents asked' },
    { id: 'hardToOperate', zh: '机器不好操作', en: 'Kiosk hard to use' },
    { id: 'deviceFault', zh: '设备出故障', en: 'Device did not work' },
    { id: 'tooSlow', zh: '办理太慢', en: 'Too slow' },
    { id: 'notDone', zh: '事情没有办成', en: 'Could not get it done' },
    { id: 'staffAttitude', zh: '工作人员态度不好', en: 'Staff were unhelpful' },
    { id: 'other', zh: '其他原因', en: 'Other' },
  ],
};

/** Levels top to bottom as the screen lists them: the kind answer first. */
export const RATING_LEVELS_DESC: ReadonlyArray<RatingDraft['level']> = [5, 4, 3, 2, 1];

export function needsReason(
  level: RatingDraft['level'],
  template: RatingTemplate = RATING_TEMPLATE,
): boolean {
  return template.reasonLevels.includes(level);
}

/**
 * The rating as stored: reasons only where the level asks for them (a 满意 keeps no stray tags),
 * and only tags the template knows. Returns null while a 差评 has no reason yet.
 */
export function buildRating(
  input: {
    level: RatingDraft['level'];
    reasonTags: string[];
    applicationId: string | null;
    serviceId: string | null;
  },
  template: RatingTemplate = RATING_TEMPLATE,
): RatingDraft | null {
  const known = new Set(template.reasons.map((r) => r.id));
  const tags = needsReason(input.level, template)
    ? [...new Set(input.reasonTags)].filter((t) => known.has(t))
    : [];
  if (needsReason(input.level, template) && tags.length === 0) return null;
  return {
    applicationId: input.applicationId,
    serviceId: input.serviceId,
    level: input.level,
    reasonTags: tags,
    templateVersion: template.version,
  };
}
