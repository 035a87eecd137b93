import type { ReaderFaultReason, ReaderState } from './schemas';

/** Every state the UI can show, with the words for villagers (zh) and for the log (en). */
export const readerStates = {
  stopped: (): ReaderState => ({ status: 'stopped', messageZh: '读卡器未启用', messageEn: 'reader stopped' }),
  connecting: (): ReaderState => ({
    status: 'connecting',
    messageZh: '读卡器正在启动，请稍等',
    messageEn: 'reader connected, waiting for the SAM to power up',
  }),
  ready: (): ReaderState => ({
    status: 'ready',
    messageZh: '请把身份证放在读卡区',
    messageEn: 'ready, polling for a card',
  }),
  reading: (): ReaderState => ({
    status: 'reading',
    messageZh: '正在读卡，请不要移动身份证',
    messageEn: 'card found, reading',
  }),
  noReader: (): ReaderState => ({
    status: 'no-reader',
    messageZh: '没有连接读卡器，请找工作人员',
    messageEn: 'no reader connected (unplugged or not found); retrying',
  }),
  fault: (reason: ReaderFaultReason, detail?: string): ReaderState => ({
    status: 'fault',
    reason,
    messageZh: FAULT_ZH[reason],
    messageEn: `${FAULT_EN[reason]}${detail ? `: ${detail}` : ''}`,
  }),
};

const FAULT_ZH: Record<ReaderFaultReason, string> = {
  'sam-self-test-failed': '读卡器坏了，暂时不能读身份证，请找工作人员',
  'sam-not-authorised': '读卡器未授权，暂时不能读身份证，请找工作人员',
  'not-responding': '读卡器没有反应，请找工作人员',
  'protocol-error': '读卡器工作不正常，请找工作人员',
};

const FAULT_EN: Record<ReaderFaultReason, string> = {
  'sam-self-test-failed': 'SAM self-test failed (SW3 0x60)',
  'sam-not-authorised': 'SAM not authorised (SW3 0x66)',
  'not-responding': 'reader port open but the SAM does not answer',
  'protocol-error': 'reader answers are not understood',
};

/** Read errors the UI shows when a presentation could not be read. */
export const READ_ERROR_WORDS: Record<string, { zh: string; en: string }> = {
  'card-removed': {
    zh: '身份证拿开得太早了，请重新放上去，等读完再拿',
    en: 'card removed before the read finished',
  },
  'reader-disconnected': { zh: '读卡器断开了，请找工作人员', en: 'reader disconnected during the read' },
  timeout: { zh: '读卡超时，请重新放一次身份证', en: 'read timed out' },
  corrupt: { zh: '读卡没成功，请重新放一次身份证', en: 'reply corrupted on the line' },
};
