import { useEffect, useState } from 'react';
import type { RemoteSettings } from '../../contract/provisioning';
import { useKioskApi } from '../api/KioskApiContext';

/**
 * The county's settings for this kiosk as they change (opening hours, idle timeout, enabled
 * services). Null until the host answered; a host without the heartbeat service keeps it null,
 * which callers treat as "open, config defaults".
 */
export function useRemoteSettings(): RemoteSettings | null {
  const api = useKioskApi();
  const [settings, setSettings] = useState<RemoteSettings | null>(null);
  useEffect(() => {
    let live = true;
    api
      .request('settings.get', {})
      .then((s) => live && setSettings(s))
      .catch(() => {});
    const off = api.subscribe('settings.changed', setSettings);
    return () => {
      live = false;
      off();
    };
  }, [api]);
  return settings;
}
