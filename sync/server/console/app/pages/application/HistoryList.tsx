import type { ApplicationDocument } from '../../api/types';
import { formatDateTime } from '../../format/formatters';
import { statusLabel } from '../../format/statusLabels';

export function HistoryList({ history }: { history: ApplicationDocument['history'] }) {
  return (
    <div className="card">
      <h2>办理经过</h2>
      {history.length === 0 ? (
        <p className="muted">还没有办理记录。</p>
      ) : (
        <ol className="history" data-testid="history">
          {[...history].reverse().map((h) => (
            <li key={`${h.at}-${h.status}`}>
              <strong>{statusLabel(h.status)}</strong>{' '}
              <span className="muted">
                {formatDateTime(h.at)} · {h.by}
              </span>
              {h.note && <div>{h.note}</div>}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
