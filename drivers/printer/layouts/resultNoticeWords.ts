import type { ResultNoticeModel } from '../schemas';

/**
 * The words of a result notice, shared by the slip and the A4 page so both say the same thing.
 * Plain Chinese a villager reads aloud to a neighbour: what was decided and what to do next.
 */
export interface NoticeWords {
  title: string;
  statusLine: string;
  nextStep: string;
  noteLabel: string;
}

export const NOTICE_WORDS: Record<ResultNoticeModel['status'], NoticeWords> = {
  completed: {
    title: '办结通知书',
    statusLine: '您申请的事项已经办结。',
    nextStep: '请按下面的说明领取结果；有疑问请打镇办电话。',
    noteLabel: '办理结果',
  },
  notAccepted: {
    title: '结果告知单',
    statusLine: '您申请的事项不予受理。',
    nextStep: '原因见下面说明；如有异议，可到镇便民服务中心咨询。',
    noteLabel: '不予受理原因',
  },
  correctionRequired: {
    title: '补正材料告知单',
    statusLine: '您的申请需要补充材料。',
    nextStep: '请带上下面写明的材料，到本机或镇便民服务中心补交。',
    noteLabel: '需要补交',
  },
};
