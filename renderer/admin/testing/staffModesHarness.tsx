import { useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { ClerkSession } from '../../../contract/clerk';
import type { ProvisioningState } from '../../../contract/provisioning';
import { connectKioskApi } from '../../api/connectKioskApi';
import { KioskApiProvider, useKioskApi } from '../../api/KioskApiContext';
import { ClerkSignIn, ClerkWorkspace } from '../../clerk/index';
import { ProvisioningWizard } from '../../provisioning/index';
import { AdminConsole, AdminEntryCorner, ClosedScreen, useRemoteSettings } from '../index';

/**
 * Test page for e2e/provisioningAndClerk.e2e.test.ts, and the reference for how App.tsx mounts
 * the staff screens: one mode state, the wizard until enrolled, the hidden admin corner on every
 * villager screen, the clerk screens on a clerk's badge. The villager journey is a stand-in here.
 */
type Mode = 'loading' | 'provisioning' | 'villager' | 'clerkSignIn' | 'clerk' | 'admin';

function StaffModes() {
  const api = useKioskApi();
  const [mode, setMode] = useState<Mode>('loading');
  const [provisioning, setProvisioning] = useState<ProvisioningState | null>(null);
  const [demoChosen, setDemoChosen] = useState(false);
  const [clerk, setClerk] = useState<ClerkSession | null>(null);
  const settings = useRemoteSettings();

  useEffect(() => {
    void api.request('provisioning.status', {}).then(setProvisioning);
    return api.subscribe('provisioning.changed', setProvisioning);
  }, [api]);
  useEffect(() => {
    if (!provisioning) return;
    // The wizard is left by its own "完成" (it shows the result first); a revocation reopens it.
    const needsWizard =
      provisioning.state === 'revoked' || (provisioning.state === 'unenrolled' && !demoChosen);
    setMode((m) => (needsWizard ? 'provisioning' : m === 'loading' ? 'villager' : m));
  }, [provisioning, demoChosen]);

  const toVillager = useCallback(() => setMode('villager'), []);
  const onAdminClose = useCallback(() => setMode('villager'), []);

  return (
    <>
      {mode === 'provisioning' && provisioning && (
        <ProvisioningWizard
          revoked={provisioning.state === 'revoked'}
          initialUrl={provisioning.countyUrl ?? ''}
          onDone={(state) => {
            setProvisioning(state);
            setMode('villager');
          }}
          onDemo={() => {
            setDemoChosen(true);
            setMode('villager');
          }}
        />
      )}
      {mode === 'villager' &&
        (settings && !settings.openNow ? (
          <ClosedScreen settings={settings} />
        ) : (
          <main data-testid="villager-home">
            <h1>村民首页（替身）</h1>
            <button type="button" data-testid="clerk-entry" onClick={() => setMode('clerkSignIn')}>
              工作人员
            </button>
          </main>
        ))}
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
      {mode === 'admin' && <AdminConsole onClose={onAdminClose} />}
      {/* The corner listens on every screen but the console itself. */}
      {mode !== 'admin' && mode !== 'loading' && <AdminEntryCorner onOpen={() => setMode('admin')} />}
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <KioskApiProvider api={connectKioskApi()}>
    <StaffModes />
  </KioskApiProvider>,
);
