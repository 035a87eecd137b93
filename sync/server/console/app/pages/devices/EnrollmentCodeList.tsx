import type { EnrollmentCodeRow } from '../../api/types';
import { formatDateTime } from '../../format/formatters';

function codeState(c: EnrollmentCodeRow, now: number): string {
  if (c.usedAt) return `已使用（${formatDateTime(c.usedAt)}）`;
  return new Date(c.expiresAt).getTime() < now ? '已过期' : '未使用';
}

export function EnrollmentCodeList({ codes }: { codes: EnrollmentCodeRow[] }) {
  const now = Date.now();
  if (codes.length === 0) return null;
  return (
    <div className="card">
      <h2>最近的开通码</h2>
      <table className="grid">
        <thead>
          <tr>
            <th>站点</th>
            <th>区划</th>
            <th>生成人</th>
            <th>有效期至</th>
            <th>状态</th>
          </tr>
        </thead>
        <tbody>
          {codes.map((c) => (
            <tr key={`${c.division}-${c.createdAt}`}>
              <td>{c.siteName}</td>
              <td className="mono">{c.division}</td>
              <td>{c.createdBy}</td>
              <td>{formatDateTime(c.expiresAt)}</td>
              <td>{codeState(c, now)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
