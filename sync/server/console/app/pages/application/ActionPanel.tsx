import { useState } from 'react';
import type { StaffApiError } from '../../api/staffApi';
import type { ApplicationDocument } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useConsole } from '../../consoleContext';
import { actionSpec, actionsFor, noteProblem, type StaffAction } from '../../format/statusLabels';
import { asApiError } from '../../useLoad';

/**
 * 受理 / 补正 / 办结 / 不予受理. The choice opens a note box (required for 补正 and 不予受理, and
 * shown to the applicant at the kiosk); the gateway syncs the new status back to the kiosk.
 */
export function ActionPanel({
  application,
  onDone,
}: {
  application: ApplicationDocument;
  onDone: (updated: ApplicationDocument) => void;
}) {
  const { api, signedOut } = useConsole();
  const [chosen, setChosen] = useState<StaffAction | null>(null);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<StaffApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const available = actionsFor(application.status);

  const confirm = async () => {
    if (!chosen) return;
    const p = noteProblem(chosen, note);
    setProblem(p);
    if (p) return;
    setBusy(true);
    setError(undefined);
    try {
      const updated = await api.act(application.id, chosen, note.trim());
      setChosen(null);
      setNote('');
      onDone(updated);
    } catch (e) {
      const apiError = asApiError(e);
      if (apiError.signedOut) signedOut();
      setError(apiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="card" data-testid="actions">
      <h2>办理</h2>
      {available.length === 0 && <p className="muted">这份申请已经办理完毕，没有可进行的操作。</p>}
      <div className="button-row">
        {available.map((a) => (
          <button
            key={a.action}
            type="button"
            className={chosen === a.action ? 'primary' : a.action === 'refuse' ? 'danger-outline' : ''}
            aria-pressed={chosen === a.action}
            onClick={() => {
              setChosen(a.action);
              setProblem(null);
            }}
          >
            {a.label}
          </button>
        ))}
      </div>
      {chosen && (
        <div className="action-form">
          <label>
            {actionSpec(chosen).notePrompt}
            <textarea
              name="note"
              rows={3}
              maxLength={1000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </label>
          {problem && (
            <p className="notice notice-error" role="alert">
              {problem}
            </p>
          )}
          <div className="button-row">
            <button type="button" className="primary" disabled={busy} onClick={confirm}>
              确认{actionSpec(chosen).label}
            </button>
            <button type="button" onClick={() => setChosen(null)} disabled={busy}>
              取消
            </button>
          </div>
        </div>
      )}
      <ErrorNotice error={error} />
    </div>
  );
}
