import { useEffect, useState } from 'react';
import type { PrintJobView } from '../../drivers/printer/schemas';
import { contractErrorText } from '../admin/contractErrorText';
import { useKioskApi } from '../api/KioskApiContext';
import { shortTime } from './townQueueWords';

const KIND_WORDS: Record<string, string> = {
  receipt: '回执',
  'result-notice': '结果通知书',
};

const STATUS_WORDS: Record<PrintJobView['status'], string> = {
  queued: '等待打印',
  printing: '正在打印',
  printed: '已打印',
  failed: '没有打印出来',
  uncertain: '不确定是否打印出来（打印时本机停了）',
};

/**
 * 补打回执: this application's print jobs (receipt, result notice), each printed again only when
 * the clerk presses its button — the print queue never repeats a job on its own.
 */
export function ReprintPanel({ applicationId }: { applicationId: string }) {
  const api = useKioskApi();
  const [jobs, setJobs] = useState<PrintJobView[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  useEffect(() => {
    api.request('clerk.queue.printJobs', { applicationId }).then(
      (r) => setJobs(r.jobs),
      () => setJobs([]),
    );
  }, [api, applicationId]);

  const reprint = async (job: PrintJobView) => {
    setBusy(job.id);
    setMessage(null);
    try {
      const done = await api.request('clerk.queue.reprint', { applicationId, jobId: job.id });
      setJobs((list) => list?.map((j) => (j.id === done.id ? done : j)) ?? null);
      setMessage(
        done.status === 'failed'
          ? { text: `没有打印出来：${done.failure?.messageZh ?? '打印机故障'}`, error: true }
          : { text: `${KIND_WORDS[done.kind] ?? '单据'}已补打。`, error: false },
      );
    } catch (error) {
      setMessage({ text: contractErrorText(error, '补打没有成功，请稍后再试。'), error: true });
    } finally {
      setBusy(null);
    }
  };

  if (!jobs) return <p>正在读取打印记录…</p>;
  return (
    <section data-testid="reprint-panel">
      <h3>补打回执</h3>
      {jobs.length === 0 ? (
        <p className="it-hint">本机没有这件申请的打印记录（回执只保留 30 天）。</p>
      ) : (
        <ul className="it-list">
          {jobs.map((job) => (
            <li key={job.id}>
              {KIND_WORDS[job.kind] ?? '单据'} · {shortTime(job.createdAt)} · {STATUS_WORDS[job.status]}
              {job.attempts > 1 ? `（已打 ${job.attempts} 次）` : ''}{' '}
              <button
                type="button"
                onClick={() => void reprint(job)}
                disabled={busy !== null}
                data-testid="reprint"
              >
                {busy === job.id ? '正在打印…' : `补打${KIND_WORDS[job.kind] ?? '单据'}`}
              </button>
            </li>
          ))}
        </ul>
      )}
      {message && (
        <p className={message.error ? 'it-error' : 'it-hint'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
