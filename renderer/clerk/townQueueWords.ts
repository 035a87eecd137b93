import { STATUS_WORDS_ZH, type TownQueueItem } from '../../contract/clerkQueue';

/** The clerk's filters: everything, not yet at the county, refused, waiting for 补正. */
export const QUEUE_FILTERS = ['all', 'pending', 'rejected', 'correction'] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];

export const FILTER_LABELS: Record<QueueFilter, string> = {
  all: '全部',
  pending: '待上传',
  rejected: '被退回',
  correction: '需补正',
};

export function matchesFilter(item: TownQueueItem, filter: QueueFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'pending':
      return item.syncState !== 'atCounty';
    case 'rejected':
      return item.status === 'rejected' || item.status === 'notAccepted';
    case 'correction':
      return item.status === 'correctionRequired';
  }
}

/** Where the application is, in a sentence a clerk can read out to the villager. */
export function syncStateWords(item: TownQueueItem): string {
  if (item.syncState === 'queued') return '还在本机，联网后自动上传';
  if (item.syncState === 'filesPending') return '县里已收到表格，扫描材料还在上传';
  return '已上传到县里';
}

export function statusWords(item: TownQueueItem): string {
  if (item.status === 'correctionRequired' && item.supplements.length > 0) return '补正材料已提交';
  return STATUS_WORDS_ZH[item.status];
}

/**
 * The gateway's automatic reasons start with a code ("invalidIdNumber: …"); the clerk gets words.
 * An unknown code falls back to the general sentence, never to the English detail.
 */
const REASON_WORDS: Record<string, string> = {
  invalidIdNumber: '身份证号码有误（校验位不对），请核对证件后重新办理。',
  invalidForm: '表格内容不完整或格式不对，请重新办理。',
  unknownService: '这个事项已更新或下线，请按新的办事指南重新办理。',
  trackingNumberMismatch: '本机编号与受理号不一致，请联系技术人员。',
  unknownOriginal: '县里找不到要补正的原申请，请联系县里工作人员。',
  badOriginal: '原申请不能补正（已被退回或本身是补正件）。',
  supplementApplicantMismatch: '补正件的申请人与原申请不一致。',
  supplementServiceMismatch: '补正件的事项与原申请不一致。',
  invalid: '申请内容不符合要求，请重新办理。',
};

export function rejectionWords(reason: string | null): string | null {
  if (!reason) return null;
  const code = reason.split(':')[0]!.trim();
  return REASON_WORDS[code] ?? '县里的系统退回了这件申请，请联系县里工作人员。';
}

/** 2026-12-04T03:05:00Z → 12月4日 11:05 (China Standard Time, as the villager's receipt). */
export function shortTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}
