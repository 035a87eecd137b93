import { useEffect, useState } from 'react';
import type { ClerkSession } from '../../contract/clerk';
import type { SyncStatus } from '../../contract/queue';
import { useKioskApi } from '../api/KioskApiContext';
import '../admin/admin.css';
import { TownQueue } from './TownQueue';

/**
 * The clerk's home while signed in: who is signed in, the town's queue and its sync state, and
 * the way into an assisted application (代办). Any touch extends the host's session; when the
 * host ends it (timeout), `onSignedOut` returns the kiosk to the villager screens.
 */
export function ClerkWorkspace({
  session,
  onAssist,
  onSignedOut,
}: {
  session: ClerkSession;
  /** Starts the villager journey in assisted mode (owned by the journey screens). */
  onAssist?: () => void;
  onSignedOut: () => void;
}) {
  const api = useKioskApi();
  const [status, setStatus] = useState<SyncStatus | null>(null);

  useEffect(
    () => api.subscribe('clerk.session', (e) => e.session === null && onSignedOut()),
    [api, onSignedOut],
  );
  useEffect(() => {
    api
      .request('queue.status', {})
      .then(setStatus)
      .catch(() => {});
    return api.subscribe('queue.statusChanged', setStatus);
  }, [api]);

  return (
    <main
      className="it-screen"
      data-testid="clerk-workspace"
      onPointerDown={() => void api.request('clerk.touch', {}).catch(() => {})}
    >
      <header className="it-tabs">
        <span>
          工作人员：{session.displayName}（{ROLE_LABELS[session.role]}）
        </span>
        <button
          type="button"
          onClick={async () => {
            await api.request('clerk.signOut', {}).catch(() => {});
            onSignedOut();
          }}
          data-testid="clerk-sign-out"
        >
          退出登录
        </button>
      </header>
      <section>
        <h2>本机待上传</h2>
        {status ? (
          <ul className="it-list" data-testid="clerk-queue">
            <li>{status.online ? '已连上县里的系统' : '暂时连不上县里的系统（离线也可以继续受理）'}</li>
            <li>待上传申请：{status.queuedDocuments} 件</li>
            <li>待上传材料：{status.queuedFiles} 份</li>
            <li>
              最近一次同步：
              {status.lastSuccessAt ? new Date(status.lastSuccessAt).toLocaleString('zh-CN') : '还没有'}
            </li>
          </ul>
        ) : (
          <p>正在读取…</p>
        )}
      </section>
      <TownQueue />
      {onAssist && (
        <button type="button" className="primary" onClick={onAssist}>
          帮群众代办
        </button>
      )}
    </main>
  );
}

const ROLE_LABELS: Record<ClerkSession['role'], string> = {
  villageAssistant: '村代办员',
  townClerk: '镇工作人员',
  itStaff: '技术人员',
};
