import { ErrorNotice } from '../../components/ErrorNotice';
import { useConsole } from '../../consoleContext';
import { auditDetails, auditLabel } from '../../format/auditLabels';
import { formatDateTime } from '../../format/formatters';
import { statusLabel } from '../../format/statusLabels';
import { hrefFor } from '../../hashRoute';
import { useLoad } from '../../useLoad';

/** Application targets link to the application, so a supervisor can check what was done. */
function AuditTarget({ action, target }: { action: string; target: string | null }) {
  if (!target) return <>—</>;
  if (!action.startsWith('application.')) return <>{target}</>;
  return <a href={hrefFor({ page: 'application', id: target })}>{target}</a>;
}

/** Every staff action, newest first (the gateway keeps them; this page only reads). */
export function AuditPage() {
  const { api } = useConsole();
  const log = useLoad(() => api.audit(500), 'audit');
  const items = log.data?.items ?? [];
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">
        操作日志{' '}
        <button type="button" className="link-button" onClick={log.reload}>
          刷新
        </button>
      </h1>
      <p className="muted">最近500条工作人员操作。</p>
      <ErrorNotice error={log.error} onRetry={log.reload} />
      <table className="grid" aria-busy={log.loading} data-testid="audit-table">
        <thead>
          <tr>
            <th>时间</th>
            <th>工作人员</th>
            <th>操作</th>
            <th>对象</th>
            <th>详情</th>
          </tr>
        </thead>
        <tbody>
          {items.map((row) => (
            <tr key={row.id}>
              <td>{formatDateTime(row.at)}</td>
              <td>{row.username}</td>
              <td>{auditLabel(row.action)}</td>
              <td className="mono">
                <AuditTarget action={row.action} target={row.target} />
              </td>
              <td>{auditDetails(row.details, statusLabel)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
