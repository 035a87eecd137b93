import { useEffect, useRef, useState } from 'react';
import { useKioskApi } from '../api/KioskApiContext';
import { contractErrorText } from './contractErrorText';
import { CornerGesture } from './cornerGesture';
import { PinPad } from './PinPad';

/**
 * Invisible to villagers: listens for the corner gesture on the whole window (no visible button,
 * no URL), then asks for the admin PIN. The host rate-limits the PIN; this component only shows
 * its answer. `onOpen` runs once the host has opened the admin session.
 */
export function AdminEntryCorner({ onOpen }: { onOpen: () => void }) {
  const api = useKioskApi();
  const gesture = useRef(new CornerGesture());
  const [asking, setAsking] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const onPointer = (event: PointerEvent) => {
      if (gesture.current.tap(event.clientX, event.clientY, window.innerWidth, event.timeStamp)) {
        setMessage(null);
        setAsking(true);
      }
    };
    // Capture phase: the screens underneath cannot swallow the taps by stopping propagation.
    window.addEventListener('pointerdown', onPointer, true);
    return () => window.removeEventListener('pointerdown', onPointer, true);
  }, []);

  if (!asking) return null;
  return (
    <div className="admin-overlay">
      <PinPad
        title="管理员密码"
        message={message}
        busy={busy}
        onCancel={() => setAsking(false)}
        onSubmit={async (pin) => {
          setBusy(true);
          try {
            await api.request('admin.unlock', { pin });
            setAsking(false);
            onOpen();
          } catch (error) {
            setMessage(contractErrorText(error, '密码不对'));
          } finally {
            setBusy(false);
          }
        }}
      />
    </div>
  );
}
