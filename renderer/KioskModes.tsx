import { type ReactNode, useCallback, useEffect, useState } from 'react';
import type { ClerkSession } from '../contract/clerk';
import type { ProvisioningState } from '../contract/provisioning';
import { AdminConsole, AdminEntryCorner, ClosedScreen, useRemoteSettings } from './admin';
import { useKioskApi } from './api/KioskApiContext';
import { ClerkSignIn, ClerkWorkspace } from './clerk';
import { ProvisioningWizard } from './provisioning';

type Mode = 'villager' | 'provisioning' | 'clerkSignIn' | 'clerk' | 'admin';

const CLERK_BADGE = 'cunban-clerk:';

/**
 * The three kinds of user on one device. Villagers get the journey (children); a clerk's QR badge
 * opens clerk sign-in; IT staff reach the admin console only through the hidden corner gesture and
 * the admin PIN — there is no route, URL or visible button for either.
 *
 * The provisioning wizard opens by itself when the county revoked this kiosk, or when a production
 * config has no enrollment. An unprovisioned kiosk runs the demo profile (bannered), and IT
 * enrols it from the admin console's 本机 tab.
 */
export function KioskModes({ children }: { children: ReactNode }) {
  const api = useKioskApi();
  const [mode, setMode] = useState<Mode>('villager');
  const [provisioning, setProvisioning] = useState<ProvisioningState | null>(null);
  const [clerk, setClerk] = useState<ClerkSession | null>(null);
  const [production, setProduction] = useState(false);
  const settings = useRemoteSettings();

  useEffect(() => {
    api.request('system.info', {}).then(
      (info) => setProduction(info.profile === 'production'),
      () => undefined,
    );
  }, [api]);

  useEffect(() => {
    api.request('provisioning.status', {}).then(setProvisioning, () => undefined);
    return api.subscribe('provisioning.changed', setProvisioning);
  }, [api]);
  useEffect(() => {
    if (!provisioning) return;
    const needsWizard =
      provisioning.state === 'revoked' || (production && provisioning.state === 'unenrolled');
    if (needsWizard) setMode('provisioning');
  }, [provisioning, production]);
  useEffect(
    () =>
      api.subscribe('barcode.scan', (scan) => {
        if (scan.data.startsWith(CLERK_BADGE)) setMode((m) => (m === 'villager' ? 'clerkSignIn' : m));
      }),
    [api],
  );

  const toVillager = useCallback(() => setMode('villager'), []);

  return (
    <>
      {mode === 'villager' &&
        (settings && !settings.openNow ? <ClosedScreen settings={settings} /> : children)}
      {mode === 'provisioning' && provisioning && (
        <ProvisioningWizard
          revoked={provisioning.state === 'revoked'}
          initialUrl={provisioning.countyUrl ?? ''}
          onDone={(state) => {
            setProvisioning(state);
            setMode('villager');
          }}
          onDemo={toVillager}
        />
      )}
      {mode === 'clerkSignIn' && (
        <ClerkSignIn
          onCancel={toVillager}
          onSignedIn={(session) => {
            setClerk(session);
            setMode('clerk');
          }}
        />
      )}
      {mode === 'clerk' && clerk && <ClerkWorkspace session={clerk} onSignedOut={toVillager} />}
      {mode === 'admin' && <AdminConsole onClose={toVillager} />}
      {mode !== 'admin' && <AdminEntryCorner onOpen={() => setMode('admin')} />}
    </>
  );
}
