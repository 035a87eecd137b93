import type { TownQueueItem } from '../../contract/clerkQueue';
import { rejectionWords, shortTime, statusWords, syncStateWords } from './townQueueWords';

/** One application in the list: every state in words; the name is masked by the host. */
export function TownQueueRow({
  item,
  serviceName,
  onOpen,
}: {
  item: TownQueueItem;
  serviceName: string;
  onOpen(): void;
}) {
  const reason = rejectionWords(item.rejectionReason);
  return (
    <li data-testid="queue-row" data-application={item.applicationId} data-status={item.status}>
      <div>
        <strong>{serviceName}</strong> · {item.applicantMasked} · {shortTime(item.submittedAt)}
        {item.supplementOf ? ' · 补正件' : ''}
      </div>
      <div className="mono">{item.trackingNumber}</div>
      <div>
        {syncStateWords(item)} · <strong>{statusWords(item)}</strong>
      </div>
      {reason && <div className="it-warn">退回原因：{reason}</div>}
      {item.staffNote && <div className="it-warn">县里说明：{item.staffNote}</div>}
      <button type="button" onClick={onOpen} data-testid="queue-open">
        查看 / 补打 / 补正
      </button>
    </li>
  );
}
