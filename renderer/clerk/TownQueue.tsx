import { useCallback, useEffect, useState } from 'react';
import type { TownQueue as TownQueueData } from '../../contract/clerkQueue';
import type { SyncStatus } from '../../contract/queue';
import { contractErrorText } from '../admin/contractErrorText';
import { useKioskApi } from '../api/KioskApiContext';
import { DailySummaryCard, useDailySummary } from './DailySummary';
import { QueueItemDetail } from './QueueItemDetail';
import { TownQueueRow } from './TownQueueRow';
import { FILTER_LABELS, matchesFilter, QUEUE_FILTERS, type QueueFilter } from './townQueueWords';
import { serviceNameOf, useCatalog } from './useCatalog';
import { useKioskFacts } from './useKioskFacts';
import './townQueue.css';

function progressWords(status: SyncStatus): string {
  if (status.error && !status.online) return status.error.messageZh;
  return `还有 ${status.queuedDocuments} 件申请、${status.queuedFiles} 份材料待上传`;
}

/**
 * The town's queue in the clerk workspace (issue 9, items 4–5): this site's applications with
 * their sync state and the county's answer, filters, 立即同步, reprints, the daily slip, and
 * 补正. The host does the work and the audit; this screen only asks and shows.
 */
export function TownQueue() {
  const api = useKioskApi();
  const facts = useKioskFacts();
  const catalog = useCatalog();
  const [queue, setQueue] = useState<TownQueueData | null>(null);
  const [filter, setFilter] = useState<QueueFilter>('all');
  const [openId, setOpenId] = useState<string | null>(null);
  const [syncing, setSyncing] = useState(false);
  const [liveStatus, setLiveStatus] = useState<SyncStatus | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const daily = useDailySummary(facts);

  const load = useCallback(
    () =>
      api
        .request('clerk.queue.list', {})
        .then(setQueue, (error) =>
          setMessage({ text: contractErrorText(error, '列表没有读出来，请稍后再试。'), error: true }),
        ),
    [api],
  );
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => api.subscribe('queue.statusChanged', setLiveStatus), [api]);
  // The county's answers (补正, 受理 …) arrive by its live stream: show them without a tap.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = api.subscribe('queue.countyChanged', (e) => {
      if (e.collection !== 'applications' && e.collection !== '*') return;
      clearTimeout(timer);
      timer = setTimeout(() => void load(), 1000);
    });
    return () => {
      clearTimeout(timer);
      off();
    };
  }, [api, load]);

  const syncNow = async () => {
    setSyncing(true);
    setMessage(null);
    try {
      const next = await api.request('clerk.queue.syncNow', {});
      setQueue(next);
      const waiting = next.items.filter((i) => i.syncState !== 'atCounty').length;
      setMessage(
        next.status.online
          ? {
              text: waiting === 0 ? '同步完成，申请都已上传到县里。' : `同步完成，还有 ${waiting} 件在上传。`,
              error: false,
            }
          : { text: next.status.error?.messageZh ?? '暂时连不上县里，申请已安全保存在本机。', error: true },
      );
    } catch (error) {
      setMessage({ text: contractErrorText(error, '同步没有成功，请稍后再试。'), error: true });
    } finally {
      setSyncing(false);
    }
  };

  const opened = queue?.items.find((i) => i.applicationId === openId);
  if (opened) {
    return (
      <QueueItemDetail
        item={opened}
        facts={facts}
        catalog={catalog}
        onBack={() => setOpenId(null)}
        onChanged={() => void load()}
      />
    );
  }

  const shown = queue?.items.filter((i) => matchesFilter(i, filter)) ?? [];
  const status = liveStatus ?? queue?.status ?? null;
  return (
    <section className="town-queue" data-testid="town-queue" aria-labelledby="town-queue-title">
      <h2 id="town-queue-title">本站申请</h2>
      <div className="it-actions">
        <button
          type="button"
          className="primary"
          onClick={() => void syncNow()}
          disabled={syncing}
          data-testid="sync-now"
        >
          {syncing ? '正在同步…' : '立即同步'}
        </button>
        <button
          type="button"
          onClick={() => void daily.print()}
          disabled={daily.busy || !daily.ready}
          data-testid="print-daily-summary"
        >
          {daily.busy ? '正在打印…' : '打印今日汇总'}
        </button>
      </div>
      <DailySummaryCard summary={daily.summary} problem={daily.problem} />
      {syncing && status && (
        <p role="status" data-testid="sync-progress">
          正在同步：{progressWords(status)}
        </p>
      )}
      {message && (
        <p
          className={message.error ? 'it-error' : 'it-hint'}
          role={message.error ? 'alert' : 'status'}
          data-testid="sync-message"
        >
          {message.text}
        </p>
      )}
      <fieldset className="it-tabs">
        <legend>筛选</legend>
        {QUEUE_FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            aria-pressed={filter === f}
            className={filter === f ? 'primary' : undefined}
            onClick={() => setFilter(f)}
            data-testid={`queue-filter-${f}`}
          >
            {FILTER_LABELS[f]}（{queue?.items.filter((i) => matchesFilter(i, f)).length ?? 0}）
          </button>
        ))}
      </fieldset>
      {!queue ? (
        <p>正在读取…</p>
      ) : shown.length === 0 ? (
        <p className="it-hint" data-testid="queue-empty">
          这里没有申请。
        </p>
      ) : (
        <ul className="it-list" data-testid="queue-list">
          {shown.map((item) => (
            <TownQueueRow
              key={item.applicationId}
              item={item}
              serviceName={serviceNameOf(catalog, item.serviceId)}
              onOpen={() => setOpenId(item.applicationId)}
            />
          ))}
        </ul>
      )}
      {queue && !queue.countyRefreshedAt && (
        <p className="it-hint">还没有从县里取到办理结果（可能一直没有联网）；上面是本机保存的申请。</p>
      )}
    </section>
  );
}
