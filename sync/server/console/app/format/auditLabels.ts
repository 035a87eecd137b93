/** Audit actions as written by the gateway (staffRoutes.ts), in the words a supervisor reads. */
const AUDIT_LABELS: Record<string, string> = {
  login: '登录',
  'application.view': '查看申请',
  'application.accept': '受理',
  'application.requestCorrection': '要求补正',
  'application.complete': '办结',
  'application.refuse': '不予受理',
  'application.forwarded': '转送省级平台',
  'application.forwardFailed': '转送省级平台失败',
  'device.revoke': '停用设备',
  'device.settings': '修改设备设置',
  'enrollment.create': '生成开通码',
  'service.publish': '发布事项',
};

export function auditLabel(action: string): string {
  return AUDIT_LABELS[action] ?? action;
}

/** Details are small JSON objects; show them as "key: value" pairs, statuses in words. */
export function auditDetails(details: unknown, statusWords: (s: string) => string): string {
  if (!details || typeof details !== 'object') return '';
  const d = details as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof d.from === 'string' && typeof d.to === 'string')
    parts.push(`${statusWords(d.from)} → ${statusWords(d.to)}`);
  for (const [key, value] of Object.entries(d)) {
    if (key === 'from' || key === 'to' || value === null || value === undefined) continue;
    parts.push(`${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
  }
  return parts.join('；');
}
