import type { DeviceRow } from '../../api/types';
import { CONNECTIVITY_LABELS, connectivity, peripheralLines, queueSummary } from '../../format/deviceHealth';
import { formatAgo, formatBytes } from '../../format/formatters';
import { PowerScheduleEditor } from './PowerScheduleEditor';
import { RevokeButton } from './RevokeButton';

function Peripherals({ device }: { device: DeviceRow }) {
  const lines = peripheralLines(device.lastHeartbeat);
  if (lines.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="plain">
      {lines.map((l) => (
        <li key={l.name} className={`health-${l.state}`} title={l.detail}>
          {l.name}：{l.words}
        </li>
      ))}
    </ul>
  );
}

export function DeviceTable({
  devices,
  loading,
  onRevoked,
}: {
  devices: DeviceRow[];
  loading: boolean;
  onRevoked: () => void;
}) {
  if (!loading && devices.length === 0)
    return <p className="empty">还没有开通的一体机。生成开通码后在一体机上开通。</p>;
  const now = Date.now();
  return (
    <table className="grid" aria-busy={loading} data-testid="device-table">
      <thead>
        <tr>
          <th>站点</th>
          <th>连接</th>
          <th>待上传</th>
          <th>外设</th>
          <th>版本</th>
          <th>磁盘剩余</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {devices.map((d) => {
          const state = connectivity(d, now);
          const beat = d.lastHeartbeat;
          return (
            <tr key={d.id} data-device-id={d.id}>
              <td>
                {d.siteName}
                <div className="muted mono">
                  {d.siteCode}
                  {d.label ? ` · ${d.label}` : ''}
                </div>
              </td>
              <td>
                <span className={`conn conn-${state}`}>{CONNECTIVITY_LABELS[state]}</span>
                <div className="muted">上次联系：{formatAgo(d.lastSeenAt, now)}</div>
              </td>
              <td>{queueSummary(beat)}</td>
              <td>
                <Peripherals device={d} />
              </td>
              <td className="mono">{beat?.appVersion ?? d.appVersion ?? '—'}</td>
              <td>{beat ? formatBytes(beat.disk.freeBytes) : '—'}</td>
              <td>
                {!d.revokedAt && <PowerScheduleEditor device={d} />}
                {!d.revokedAt && <RevokeButton device={d} onRevoked={onRevoked} />}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
