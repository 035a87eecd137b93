import { statusLabel, statusTone } from '../format/statusLabels';

/** The label is always in words; the colour only helps scanning a long list. */
export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`badge badge-${statusTone(status)}`} data-status={status}>
      {statusLabel(status)}
    </span>
  );
}
