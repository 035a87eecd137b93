import { useEffect, useState } from 'react';
import type { ClerkSession } from '../../contract/clerk';
import { contractErrorText } from '../admin/contractErrorText';
import { PinPad } from '../admin/PinPad';
import { useKioskApi } from '../api/KioskApiContext';
import '../admin/admin.css';

type Credential =
  | { method: 'idcard'; idNumber: string; label: string }
  | { method: 'badge'; badge: string; label: string };

/**
 * Clerk sign-in: the clerk's own ID card on the reader, or the QR badge under the scanner (a
 * keyboard-wedge scanner types into the field), then the PIN. The host checks the PIN offline
 * against the county's hashes and locks a clerk out after five wrong PINs.
 */
export function ClerkSignIn({
  initialBadge = null,
  onSignedIn,
  onCancel,
}: {
  /** The badge scan that opened sign-in, so the clerk goes straight to the PIN. */
  initialBadge?: string | null;
  onSignedIn: (session: ClerkSession) => void;
  onCancel: () => void;
}) {
  const api = useKioskApi();
  const [credential, setCredential] = useState<Credential | null>(
    initialBadge ? { method: 'badge', badge: initialBadge, label: '工作证已扫描' } : null,
  );
  const [badge, setBadge] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Badges read by a HID-POS or serial scanner arrive as host events; wedge scanners type into the field.
  useEffect(
    () =>
      api.subscribe('barcode.scan', (event) => {
        if (!event.data.startsWith('cunban-clerk:')) return;
        setMessage(null);
        setCredential({ method: 'badge', badge: event.data, label: '工作证已扫描' });
      }),
    [api],
  );
  useEffect(
    () =>
      api.subscribe('idcard.card', (event) => {
        setMessage(null);
        setCredential({ method: 'idcard', idNumber: event.card.idNumber, label: '身份证已读取' });
      }),
    [api],
  );

  if (!credential) {
    return (
      <main className="it-screen" data-testid="clerk-sign-in">
        <h1>工作人员登录</h1>
        <p>请把您本人的身份证放到阅读器上，或扫描工作证二维码。</p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (badge.trim()) setCredential({ method: 'badge', badge: badge.trim(), label: '工作证已扫描' });
          }}
        >
          <label>
            工作证
            <input
              value={badge}
              onChange={(e) => setBadge(e.target.value)}
              autoFocus
              data-testid="clerk-badge"
            />
          </label>
          <div className="it-actions">
            <button type="button" onClick={onCancel}>
              返回
            </button>
            <button type="submit" className="primary" disabled={!badge.trim()}>
              下一步
            </button>
          </div>
        </form>
        {message && <p className="it-error">{message}</p>}
      </main>
    );
  }
  return (
    <main className="it-screen" data-testid="clerk-pin">
      <p>{credential.label}</p>
      <PinPad
        title="请输入您的工作人员密码"
        message={message}
        busy={busy}
        onCancel={() => {
          setCredential(null);
          setBadge('');
          setMessage(null);
        }}
        onSubmit={async (pin) => {
          setBusy(true);
          try {
            const input =
              credential.method === 'idcard'
                ? { method: 'idcard' as const, idNumber: credential.idNumber, pin }
                : { method: 'badge' as const, badge: credential.badge, pin };
            onSignedIn(await api.request('clerk.signIn', input));
          } catch (error) {
            setMessage(contractErrorText(error, '登录没有成功'));
          } finally {
            setBusy(false);
          }
        }}
      />
    </main>
  );
}
