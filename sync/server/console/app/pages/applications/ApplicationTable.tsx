import type { ApplicationSummary } from '../../api/types';
import { StatusBadge } from '../../components/StatusBadge';
import { serviceName, useConsole } from '../../consoleContext';
import { formatDateTime } from '../../format/formatters';
import { hrefFor } from '../../hashRoute';

export function ApplicationTable({ items, loading }: { items: ApplicationSummary[]; loading: boolean }) {
  const { services } = useConsole();
  if (!loading && items.length === 0) return <p className="empty">没有符合条件的申请。</p>;
  return (
    <table className="grid" aria-busy={loading} data-testid="application-table">
      <thead>
        <tr>
          <th>受理编号</th>
          <th>申请人</th>
          <th>事项</th>
          <th>站点区划</th>
          <th>提交时间</th>
          <th>材料</th>
          <th>状态</th>
        </tr>
      </thead>
      <tbody>
        {items.map((a) => (
          <tr key={a.id} data-application-id={a.id}>
            <td className="mono">
              <a href={hrefFor({ page: 'application', id: a.id })}>{a.trackingNumber}</a>
            </td>
            <td>{a.applicantMasked}</td>
            <td>{serviceName(services, a.serviceId)}</td>
            <td className="mono">{a.siteDivision}</td>
            <td>{formatDateTime(a.submittedAt)}</td>
            <td>{a.filesComplete ? '齐全' : <span className="warn">未传齐</span>}</td>
            <td>
              <StatusBadge status={a.status} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
