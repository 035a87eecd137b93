import { useState } from 'react';
import type { StaffApiError } from '../../api/staffApi';
import type { ServiceDocument } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useConsole } from '../../consoleContext';
import { draftFromService, parseServiceDraft } from '../../format/serviceDraft';
import { asApiError } from '../../useLoad';

const NEW_SERVICE = {
  id: 'S99-new-service',
  name: { zh: '新事项' },
  department: '',
  summary: '',
  eligibility: '',
  regions: ['*'],
  legalTimeLimitDays: null,
  promisedTimeLimitDays: null,
  fee: { amountYuan: 0 },
  resultCollection: ['window'],
  materials: [],
  form: {
    fields: [{ id: 'name', type: 'text', label: { zh: '姓名' }, required: true, prefillFrom: 'name' }],
  },
  sources: [],
  enabled: true,
};

/** Edits the whole service document (form definition included) as JSON; the gateway validates it. */
export function ServiceEditor({
  service,
  onClose,
  onPublished,
}: {
  service: ServiceDocument | null;
  onClose: () => void;
  onPublished: (out: { id: string; version: number }) => void;
}) {
  const { api } = useConsole();
  const [text, setText] = useState(() =>
    draftFromService((service ?? NEW_SERVICE) as unknown as Record<string, unknown>),
  );
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<StaffApiError | undefined>();
  const [busy, setBusy] = useState(false);

  const publish = async () => {
    const draft = parseServiceDraft(text, service?.id);
    setProblem(draft.ok ? null : draft.problem);
    if (!draft.ok) return;
    setBusy(true);
    setError(undefined);
    try {
      const out = await api.publishService(draft.value);
      onPublished(out);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="card">
      <h2>{service ? `编辑「${service.name.zh}」（当前第${service.version}版）` : '新建事项'}</h2>
      <p className="muted">发布后生成新版本，各村一体机下次同步时更新。已提交的申请仍按原版本办理。</p>
      <label>
        事项定义（JSON）
        <textarea
          className="mono json-editor"
          rows={24}
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      {problem && (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      )}
      <ErrorNotice error={error} />
      <div className="button-row">
        <button type="button" className="primary" disabled={busy} onClick={publish}>
          发布
        </button>
        <button type="button" onClick={onClose} disabled={busy}>
          返回
        </button>
      </div>
    </div>
  );
}
