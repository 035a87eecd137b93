/**
 * SW3 (reader/SAM status) codes, the complete public set (reference §4), each with words a
 * villager understands (zh) and a precise gloss for logs (en). `forIt` marks codes that mean
 * the reader itself needs IT staff rather than the villager trying again.
 */
export interface SamStatusInfo {
  readonly code: number;
  readonly name: string;
  readonly zh: string;
  readonly en: string;
  readonly forIt: boolean;
}

const table: readonly SamStatusInfo[] = [
  { code: 0x90, name: 'ok', zh: '操作成功', en: 'success', forIt: false },
  { code: 0x9f, name: 'find-ok', zh: '已找到身份证', en: 'card found', forIt: false },
  {
    code: 0x10,
    name: 'host-checksum',
    zh: '读卡器没听清，正在重试',
    en: 'reader got a frame with a bad checksum from the host',
    forIt: false,
  },
  {
    code: 0x11,
    name: 'host-length',
    zh: '读卡器没听清，正在重试',
    en: 'reader got a frame with a bad length from the host',
    forIt: false,
  },
  {
    code: 0x21,
    name: 'bad-command',
    zh: '读卡器不认识这个指令，请联系工作人员',
    en: 'invalid command',
    forIt: true,
  },
  {
    code: 0x23,
    name: 'not-permitted',
    zh: '读卡器拒绝了这个操作，请联系工作人员',
    en: 'operation not permitted',
    forIt: true,
  },
  {
    code: 0x24,
    name: 'unrecognised',
    zh: '读卡器出了点问题，请重新放一次身份证',
    en: 'unrecognised error',
    forIt: false,
  },
  {
    code: 0x31,
    name: 'card-auth-sam-failed',
    zh: '身份证没有通过验证，请重新放一次',
    en: 'card failed to authenticate the SAM',
    forIt: false,
  },
  {
    code: 0x32,
    name: 'sam-auth-card-failed',
    zh: '身份证没有通过验证，请重新放一次',
    en: 'SAM failed to authenticate the card',
    forIt: false,
  },
  {
    code: 0x33,
    name: 'verify-failed',
    zh: '身份证信息校验出错，请重新放一次',
    en: 'data verification error',
    forIt: false,
  },
  {
    code: 0x40,
    name: 'unknown-card-type',
    zh: '这张卡不是身份证，请放二代身份证',
    en: 'unknown card type (not an ID card)',
    forIt: false,
  },
  {
    code: 0x41,
    name: 'read-failed',
    zh: '没读完，请把身份证放稳，不要移动',
    en: 'read failed',
    forIt: false,
  },
  {
    code: 0x47,
    name: 'random-failed',
    zh: '读卡没成功，请重新放一次身份证',
    en: 'get-random failed',
    forIt: false,
  },
  {
    code: 0x60,
    name: 'sam-self-test-failed',
    zh: '读卡器坏了，请找工作人员',
    en: 'SAM self-test failed, cannot accept commands',
    forIt: true,
  },
  {
    code: 0x66,
    name: 'sam-not-authorised',
    zh: '读卡器未授权，暂时不能用，请找工作人员',
    en: 'SAM not authorised',
    forIt: true,
  },
  {
    code: 0x80,
    name: 'find-failed',
    zh: '没有找到身份证',
    en: 'find card failed (no card, or already read)',
    forIt: false,
  },
  {
    code: 0x81,
    name: 'select-failed',
    zh: '没有选中身份证，请重新放一次',
    en: 'select card failed',
    forIt: false,
  },
  { code: 0x91, name: 'item-empty', zh: '卡里没有这项内容', en: 'item empty on card', forIt: false },
  {
    code: 0xff,
    name: 'comm-failure',
    zh: '和读卡器通信失败，请找工作人员',
    en: 'communication failure',
    forIt: true,
  },
];

const byCode = new Map(table.map((s) => [s.code, s]));

export const SAM_STATUS_CODES: readonly number[] = table.map((s) => s.code);

export function samStatusInfo(code: number): SamStatusInfo {
  return (
    byCode.get(code) ?? {
      code,
      name: 'unknown-status',
      zh: '读卡器回了看不懂的结果，请重新放一次身份证',
      en: `unknown SW3 status 0x${code.toString(16).padStart(2, '0')}`,
      forIt: false,
    }
  );
}

/** A SAM answered, but not with the success status the command expects. */
export class SamStatusError extends Error {
  override readonly name = 'SamStatusError';
  readonly info: SamStatusInfo;
  constructor(
    readonly sw3: number,
    readonly command: string,
    readonly sw1 = 0,
    readonly sw2 = 0,
  ) {
    const info = samStatusInfo(sw3);
    super(`${command}: SW3 0x${sw3.toString(16).padStart(2, '0')} ${info.en}`);
    this.info = info;
  }
  get zh(): string {
    return this.info.zh;
  }
}

/** The reader did not answer within the vendor timeout. */
export class SamTimeoutError extends Error {
  override readonly name = 'SamTimeoutError';
  readonly zh = '读卡器没有回应，请稍等';
  constructor(
    readonly command: string,
    readonly timeoutMs: number,
  ) {
    super(`${command}: no response within ${timeoutMs} ms`);
  }
}

/** The reply had the right status but a shape we cannot use (short payload, bad lengths). */
export class SamResponseError extends Error {
  override readonly name = 'SamResponseError';
  readonly zh = '读卡器回的数据不完整，请重新放一次身份证';
}

/** The link to the reader went away (unplugged, port closed). */
export class SamDisconnectedError extends Error {
  override readonly name = 'SamDisconnectedError';
  readonly zh = '读卡器已断开';
}
