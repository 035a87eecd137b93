import { useState } from 'react';
import type { StaffApiError } from '../../api/staffApi';
import type { DeviceRow } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useConsole } from '../../consoleContext';
import { asApiError } from '../../useLoad';

/** Revoking cuts the kiosk off at its next request and cannot be undone: ask once more, in place. */
export function RevokeButton({ device, onRevoked }: { device: DeviceRow; onRevoked: () => void }) {
  const { api } = useConsole();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<StaffApiError | undefined>();
  const [busy, setBusy] = useState(false);

  if (!confirming) {
    return (
      <button type="button" className="danger-outline" onClick={() => setConfirming(true)}>
        停用
      </button>
    );
  }
  const revoke = async () => {
    setBusy(true);
    try {
      await api.revokeDevice(device.id);
      onRevoked();
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <fieldset className="confirm" aria-label="确认停用">
      <p>停用后「{device.siteName}」这台一体机将无法再与县里同步，需要重新开通。确定停用？</p>
      <button type="button" className="danger" disabled={busy} onClick={revoke}>
        确定停用
      </button>
      <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
        取消
      </button>
      <ErrorNotice error={error} />
    </fieldset>
  );
}
