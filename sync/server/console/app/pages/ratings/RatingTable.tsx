import { type RatingSummary, stars } from '../../format/ratingStats';

export function RatingTable({ summary }: { summary: RatingSummary }) {
  return (
    <div className="card">
      <h2>评价统计</h2>
      <p>
        共 {summary.total} 条评价，好评率 {summary.goodRate === null ? '—' : `${summary.goodRate}%`}，差评{' '}
        {summary.badCount} 条。
      </p>
      <table className="grid" data-testid="rating-table">
        <thead>
          <tr>
            <th>等级</th>
            <th>星级</th>
            <th>条数</th>
            <th>占比</th>
          </tr>
        </thead>
        <tbody>
          {summary.rows.map((r) => (
            <tr key={r.level}>
              <td>{r.words}</td>
              <td aria-label={`${r.level}星`}>{stars(r.level)}</td>
              <td>{r.count}</td>
              <td>
                <meter min={0} max={100} value={r.percent} /> {r.percent}%
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
