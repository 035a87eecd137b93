import { useEffect, useState } from 'react';
import { useKioskApi } from '../api/KioskApiContext';
import { contractErrorText } from './contractErrorText';

/** Recent log lines (already redacted by the host's logger) and export to a USB stick. */
export function LogsPanel() {
  const api = useKioskApi();
  const [lines, setLines] = useState<string[]>([]);
  const [folders, setFolders] = useState<string[]>([]);
  const [folder, setFolder] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const refresh = () => {
    api
      .request('diagnostics.recentLogs', { limit: 200 })
      .then((r) => setLines(r.lines))
      .catch((e) => setMessage(contractErrorText(e, '读取日志失败')));
    api
      .request('diagnostics.exportTargets', {})
      .then((r) => {
        setFolders(r.folders);
        setFolder((f) => f || r.folders[0] || '');
      })
      .catch(() => {});
  };
  // Load once when the panel opens; the refresh button reloads.
  useEffect(refresh, [api]);
  return (
    <section data-testid="logs-panel">
      <h2>最近的日志</h2>
      <pre className="it-logs" data-testid="log-lines">
        {lines.join('\n')}
      </pre>
      <div className="it-actions">
        <select value={folder} onChange={(e) => setFolder(e.target.value)} aria-label="导出到">
          {folders.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
        <button type="button" onClick={refresh}>
          刷新（插入U盘后点这里）
        </button>
        <button
          type="button"
          className="primary"
          disabled={!folder}
          onClick={async () => {
            setMessage('正在导出…');
            try {
              const r = await api.request('diagnostics.exportLogs', { folder, days: 14 });
              setMessage(`已导出 ${r.files} 个日志文件（${Math.ceil(r.bytes / 1024)} KB）到 ${r.path}`);
            } catch (e) {
              setMessage(contractErrorText(e, '导出失败，请检查U盘是否插好、是否有空间。'));
            }
          }}
        >
          导出最近14天日志（已去除个人信息）
        </button>
      </div>
      {message && (
        <p className="it-hint" role="status">
          {message}
        </p>
      )}
    </section>
  );
}
