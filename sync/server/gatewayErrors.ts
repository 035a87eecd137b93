import type { GatewayError } from '../protocol/enrollment';

/** A 4xx with a stable code, English for logs and plain Chinese for the kiosk screen. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly messageZh: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }

  toBody(): GatewayError {
    return { error: this.code, message: this.message, messageZh: this.messageZh };
  }
}

export const unauthorized = (code: string, message: string) =>
  new HttpError(401, code, message, '设备身份验证没有通过，请联系县里的技术人员。');

export const forbidden = (code: string, message: string, messageZh = '没有权限办理这项操作。') =>
  new HttpError(403, code, message, messageZh);

export const badRequest = (code: string, message: string) =>
  new HttpError(400, code, message, '发送的数据格式不对，请稍后再试。');
