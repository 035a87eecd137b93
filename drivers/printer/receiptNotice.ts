import { CONDITION_MESSAGES } from './codec/printerStatus';
import type { PrintFailureReason } from './schemas';

/** Words for a job that did not print (shown to the villager, logged in English). */
export function failureMessages(reason: PrintFailureReason): { zh: string; en: string } {
  if (reason === 'write-error')
    return { zh: '打印机连接断了，回执没有打出来', en: 'Printer link failed while sending' };
  if (reason === 'interrupted')
    return { zh: '终端重启了，回执没有打出来', en: 'Host stopped before the job was sent' };
  return CONDITION_MESSAGES[reason];
}

/**
 * What the screen shows and the speech engine reads when a receipt did not print: the villager
 * must leave with the tracking number anyway. Letters and digits are spoken one by one.
 */
export function receiptNotPrintedNotice(trackingNumber: string, reason: PrintFailureReason) {
  const cause = failureMessages(reason);
  const spelled = Array.from(trackingNumber.replace(/-/g, ''))
    .map((c) => (/[0-9]/.test(c) ? '零一二三四五六七八九'[Number(c)] : c))
    .join(' ');
  return {
    screenZh: `${cause.zh}。您的受理编号是 ${trackingNumber}，请拍照或记下来，工作人员可以为您补打回执。`,
    speechZh: `${cause.zh}。您的受理编号是：${spelled}。请记下来，工作人员可以为您补打回执。`,
    en: `${cause.en}; tracking number shown on screen for the applicant`,
  };
}
