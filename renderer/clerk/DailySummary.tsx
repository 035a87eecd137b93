import { useState } from 'react';
import { type DailySummaryAnswer, STATUS_WORDS_ZH } from '../../contract/clerkQueue';
import { contractErrorText } from '../admin/contractErrorText';
import { useKioskApi } from '../api/KioskApiContext';
import { useCatalog } from './useCatalog';
import type { KioskFacts } from './useKioskFacts';

/** 打印今日汇总: the host counts the day and prints the slip; the screen shows the same counts. */
export function useDailySummary(facts: KioskFacts | null) {
  const api = useKioskApi();
  const catalog = useCatalog();
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<DailySummaryAnswer | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const print = async () => {
    if (!facts) return;
    setBusy(true);
    setProblem(null);
    try {
      setSummary(
        await api.request('clerk.dailySummary', {
          serviceNames: Object.fromEntries((catalog ?? []).map((s) => [s.id, s.name.zh])),
          siteName: facts.siteName,
          kioskId: facts.kioskId,
          print: true,
        }),
      );
    } catch (error) {
      setProblem(contractErrorText(error, '汇总单没有打印出来，请检查打印机后再试。'));
    } finally {
      setBusy(false);
    }
  };
  return { print, busy, ready: facts !== null, summary, problem };
}

export function DailySummaryCard({
  summary,
  problem,
}: {
  summary: DailySummaryAnswer | null;
  problem: string | null;
}) {
  if (problem)
    return (
      <p className="it-error" role="alert">
        {problem}
      </p>
    );
  if (!summary) return null;
  const job = summary.job;
  return (
    <section data-testid="daily-summary" aria-labelledby="daily-summary-title">
      <h3 id="daily-summary-title">
        {summary.date} 当日汇总：共 {summary.total} 件
      </h3>
      <ul className="it-list">
        {summary.byService.map((s) => (
          <li key={s.serviceId}>
            {s.serviceName}：{s.count} 件
          </li>
        ))}
        {Object.entries(summary.byStatus).map(([status, count]) => (
          <li key={status}>
            {STATUS_WORDS_ZH[status as keyof typeof STATUS_WORDS_ZH] ?? status}：{count} 件
          </li>
        ))}
        <li>还在本机待上传：{summary.queuedOffline} 件</li>
        <li>回执打印失败：{summary.failedPrints} 件</li>
      </ul>
      <p className={job?.status === 'failed' ? 'it-error' : 'it-hint'} data-testid="daily-summary-print">
        {job?.status === 'failed'
          ? `汇总单没有打印出来：${job.failure?.messageZh ?? '打印机故障'}`
          : '汇总单已打印，请核对后签字。'}
      </p>
    </section>
  );
}
