import type { TownQueueItem } from '../../contract/clerkQueue';
import type { ServiceDocument } from '../../sync/protocol/forms';
import { ReprintPanel } from './ReprintPanel';
import { SupplementPanel } from './SupplementPanel';
import { rejectionWords, shortTime, statusWords, syncStateWords } from './townQueueWords';
import { serviceNameOf } from './useCatalog';
import './townQueue.css';
import type { KioskFacts } from './useKioskFacts';

/** One application opened by the clerk: its state, the reprints, and 补正 when the county asks. */
export function QueueItemDetail({
  item,
  facts,
  catalog,
  onBack,
  onChanged,
}: {
  item: TownQueueItem;
  facts: KioskFacts | null;
  catalog: ServiceDocument[] | null;
  onBack(): void;
  onChanged(): void;
}) {
  const reason = rejectionWords(item.rejectionReason);
  return (
    <section className="town-queue" data-testid="queue-detail" aria-labelledby="queue-detail-title">
      <button type="button" onClick={onBack} data-testid="queue-back">
        返回列表
      </button>
      <h2 id="queue-detail-title">
        {serviceNameOf(catalog, item.serviceId)} · <span className="mono">{item.trackingNumber}</span>
      </h2>
      <ul className="it-list">
        <li>申请人：{item.applicantMasked}</li>
        <li>提交时间：{shortTime(item.submittedAt)}</li>
        <li>{syncStateWords(item)}</li>
        <li>
          办理状态：<strong>{statusWords(item)}</strong>
        </li>
        {reason && <li className="it-warn">退回原因：{reason}</li>}
        {item.supplements.length > 0 && <li>已提交的补正件：{item.supplements.join('、')}</li>}
      </ul>
      <ReprintPanel applicationId={item.applicationId} />
      {item.status === 'correctionRequired' && facts && (
        <SupplementPanel item={item} facts={facts} catalog={catalog} onSubmitted={onChanged} />
      )}
    </section>
  );
}
