import { ContractError } from '../../contract/define';

/**
 * Words for IT staff and clerks from a refused request. The host's clerk and enrollment answers
 * are already Chinese; English details (rate limit, wrong admin PIN) are translated here.
 */
export function contractErrorText(error: unknown, fallback: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const wait = /try again in (\d+) s/.exec(message);
  if (wait) return `尝试次数过多，请 ${Math.ceil(Number(wait[1]) / 60)} 分钟后再试。`;
  if (/wrong admin PIN/.test(message)) return '密码不对。';
  if (/admin session required/.test(message)) return '管理员登录已超时，请重新进入。';
  if (/clerk session required/.test(message)) return '工作人员登录已超时，请重新登录。';
  if (/[\u4e00-\u9fff]/.test(message)) return message;
  if (error instanceof ContractError && error.code === 'disconnected')
    return '与本机服务的连接断开了，请稍候。';
  return fallback;
}
