import type { RatingDocument } from '../../api/types';
import { serviceName, useConsole } from '../../consoleContext';
import { formatDateTime } from '../../format/formatters';
import { RATING_WORDS } from '../../format/ratingStats';
import { hrefFor } from '../../hashRoute';

function followUpText(followUp: RatingDocument['followUp']): string {
  if (!followUp) return '待整改';
  const state = followUp.status === 'closed' ? '已整改' : '整改中';
  return followUp.note ? `${state}：${followUp.note}` : state;
}

/** Each 差评 with its reasons and its application, so it can be followed up. No evaluator identity. */
export function BadReviewList({ reviews }: { reviews: RatingDocument[] }) {
  const { services } = useConsole();
  return (
    <div className="card">
      <h2>差评（需逐条整改）</h2>
      {reviews.length === 0 ? (
        <p className="muted">没有差评。</p>
      ) : (
        <table className="grid" data-testid="bad-reviews">
          <thead>
            <tr>
              <th>时间</th>
              <th>等级</th>
              <th>事项</th>
              <th>原因</th>
              <th>留言</th>
              <th>整改</th>
            </tr>
          </thead>
          <tbody>
            {reviews.map((r) => (
              <tr key={r.id}>
                <td>{formatDateTime(r.createdAt)}</td>
                <td>{RATING_WORDS[r.level] ?? r.level}</td>
                <td>
                  {r.serviceId ? serviceName(services, r.serviceId) : '—'}
                  {r.applicationId && (
                    <div>
                      <a href={hrefFor({ page: 'application', id: r.applicationId })}>查看申请</a>
                    </div>
                  )}
                </td>
                <td>{r.reasonTags.join('、') || '—'}</td>
                <td>{r.comment ?? '—'}</td>
                <td>{followUpText(r.followUp)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
