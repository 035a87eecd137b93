import type { LinkedApplication } from '../../api/types';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDateTime } from '../../format/formatters';
import { hrefFor } from '../../hashRoute';

function LinkRow({ app }: { app: LinkedApplication }) {
  return (
    <li>
      <a className="mono" href={hrefFor({ page: 'application', id: app.id })}>
        {app.trackingNumber}
      </a>{' '}
      <StatusBadge status={app.status} />{' '}
      <span className="muted">
        {formatDateTime(app.submittedAt)}
        {app.filesComplete ? '' : ' · 材料未传齐'}
      </span>
    </li>
  );
}

/**
 * 补正 both ways: on an original, the supplements the kiosk sent (so staff know the missing
 * material has come); on a supplement, the application it completes.
 */
export function SupplementLinks({
  supplements,
  supplementOf,
}: {
  supplements: LinkedApplication[];
  supplementOf: LinkedApplication | null;
}) {
  if (supplements.length === 0 && !supplementOf) return null;
  return (
    <div className="card" data-testid="supplement-links">
      {supplementOf && (
        <>
          <h2>这是补正材料，原申请：</h2>
          <ul>
            <LinkRow app={supplementOf} />
          </ul>
        </>
      )}
      {supplements.length > 0 && (
        <>
          <h2>已收到的补正材料</h2>
          <ul data-testid="supplements">
            {supplements.map((s) => (
              <LinkRow key={s.id} app={s} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
