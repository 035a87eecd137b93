import { describe, expect, it } from 'vitest';
import { draftFromService, parseServiceDraft } from './serviceDraft';

describe('service drafts', () => {
  it('round-trips a service without the replication flag', () => {
    const text = draftFromService({
      id: 'S06',
      version: 3,
      form: { fields: [{ id: 'name' }] },
      _deleted: false,
    });
    expect(text).not.toContain('_deleted');
    expect(parseServiceDraft(text, 'S06')).toEqual({
      ok: true,
      value: { id: 'S06', version: 3, form: { fields: [{ id: 'name' }] } },
    });
  });

  it('explains what is wrong in words', () => {
    expect(parseServiceDraft('{"id": ')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('不是有效的JSON'),
    });
    expect(parseServiceDraft('[]')).toEqual({ ok: false, problem: '内容应是一个事项对象。' });
    expect(parseServiceDraft('{"form":{"fields":[1]}}')).toEqual({
      ok: false,
      problem: '缺少事项编号（id）。',
    });
    expect(parseServiceDraft('{"id":"S07","form":{"fields":[1]}}', 'S06')).toMatchObject({ ok: false });
    expect(parseServiceDraft('{"id":"S06","form":{"fields":[]}}')).toEqual({
      ok: false,
      problem: '表单（form.fields）至少要有一个字段。',
    });
  });

  it('gives a new service a placeholder version for the gateway to replace', () => {
    expect(parseServiceDraft('{"id":"S99","form":{"fields":[{}]}}')).toMatchObject({
      ok: true,
      value: { version: 1 },
    });
  });
});
