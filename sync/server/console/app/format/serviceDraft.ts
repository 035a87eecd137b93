/**
 * The catalogue editor works on the service document as JSON text. The gateway validates the
 * schema and assigns the next version; here we only catch what a person can fix before sending.
 */
export type DraftResult = { ok: true; value: Record<string, unknown> } | { ok: false; problem: string };

export function draftFromService(service: Record<string, unknown>): string {
  const { _deleted: _ignored, ...rest } = service;
  return JSON.stringify(rest, null, 2);
}

export function parseServiceDraft(text: string, expectedId?: string): DraftResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `不是有效的JSON：${(error as Error).message}` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return { ok: false, problem: '内容应是一个事项对象。' };
  const record = value as Record<string, unknown>;
  if (typeof record.id !== 'string' || record.id === '')
    return { ok: false, problem: '缺少事项编号（id）。' };
  if (expectedId && record.id !== expectedId) {
    return { ok: false, problem: `事项编号改成了 ${record.id}；要新增事项请用“新建事项”。` };
  }
  const form = record.form as { fields?: unknown } | undefined;
  if (!form || !Array.isArray(form.fields) || form.fields.length === 0) {
    return { ok: false, problem: '表单（form.fields）至少要有一个字段。' };
  }
  // The gateway sets the real version; any positive number passes its schema.
  return { ok: true, value: { ...record, version: typeof record.version === 'number' ? record.version : 1 } };
}
