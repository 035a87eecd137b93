import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ClerkSession } from '../contract/clerk';
import type { ProvisioningState } from '../contract/provisioning';
import { AdminConsole, AdminEntryCorner, ClosedScreen, useRemoteSettings } from './admin';
import { preservedSessionKeys } from './api/connectKioskApi';
import { useKioskApi } from './api/KioskApiContext';
import { ClerkSignIn, ClerkWorkspace } from './clerk';
import { type AssistMode, type ClerkModes, ClerkModesContext } from './clerk/assistContext';
import { StaffDemoBanner } from './components/StaffDemoBanner';
import { wipeSessionTraces } from './journey/session/sessionWipe';
import { ProvisioningWizard } from './provisioning';

type Mode = 'villager' | 'provisioning' | 'clerkSignIn' | 'clerk' | 'assisting' | 'admin';

/** A clerk working through a villager's application touches the journey, not the workspace. */
const TOUCH_EVERY_MS = 20_000;

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
        // The scan that opened sign-in is the clerk's credential: they are not asked to scan twice.
        if (!scan.data.startsWith(CLERK_BADGE) || modeRef.current !== 'villager') return;
        setOpeningBadge(scan.data);
        setMode('clerkSignIn');
      }),
    [api],
  );

  const [openingBadge, setOpeningBadge] = useState<string | null>(null);
  const toVillager = useCallback(() => setMode('villager'), []);

  // Leaving the villager screens without the journey's own end (badge scanned mid-session, clerk
  // timed out during 代办): wipe what web storage may hold, as a finished session would.
  const modeRef = useRef(mode);
  useEffect(() => {
    const left = modeRef.current;
    modeRef.current = mode;
    const leftJourney =
      (left === 'villager' && mode !== 'villager') || (left === 'assisting' && mode !== 'assisting');
    if (leftJourney) {
      api.request('session.activity', { active: false }).catch(() => undefined);
      void wipeSessionTraces(
        { sessionStorage, localStorage, caches: globalThis.caches, history },
        preservedSessionKeys,
      );
    }
  }, [api, mode]);

  // The clerk's host session must outlast a long assisted application; when it ends anyway, so does the 代办.
  const lastTouch = useRef(0);
  const touchClerk = useCallback(() => {
    if (Date.now() - lastTouch.current < TOUCH_EVERY_MS) return;
    lastTouch.current = Date.now();
    void api.request('clerk.touch', {}).catch(() => undefined);
  }, [api]);
  useEffect(() => {
    if (mode !== 'assisting') return;
    return api.subscribe('clerk.session', (e) => {
      if (e.session === null) {
        setClerk(null);
        setMode('villager');
      }
    });
  }, [api, mode]);

  const assist = useMemo<AssistMode | null>(
    () =>
      clerk && mode === 'assisting'
        ? {
            clerk: { clerkId: clerk.clerkId, name: clerk.displayName },
            recordOriginalCheck: (material, checked) => {
              void api
                .request('clerk.audit', {
                  action: checked ? 'originalChecked' : 'originalCheckUndone',
                  target: null,
                  details: { materialId: material.materialId, sha256: material.sha256 },
                })
                .catch(() => undefined);
            },
            finished: () => setMode('clerk'),
          }
        : null,
    [api, clerk, mode],
  );
  const clerkModes = useMemo<ClerkModes>(
    () => ({ assist, requestClerkSignIn: () => setMode((m) => (m === 'villager' ? 'clerkSignIn' : m)) }),
    [assist],
  );

  return (
    <>
      <ClerkModesContext.Provider value={clerkModes}>
        {mode === 'villager' &&
          (settings && !settings.openNow ? <ClosedScreen settings={settings} /> : children)}
        {mode === 'assisting' && assist && (
          <div style={{ display: 'contents' }} data-testid="assisting" onPointerDownCapture={touchClerk}>
            {children}
          </div>
        )}
      </ClerkModesContext.Provider>
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
      {mode !== 'villager' && mode !== 'assisting' && <StaffDemoBanner />}
      {mode === 'clerkSignIn' && (
        <ClerkSignIn
          initialBadge={openingBadge}
          onCancel={() => {
            setOpeningBadge(null);
            toVillager();
          }}
          onSignedIn={(session) => {
            setOpeningBadge(null);
            setClerk(session);
            setMode('clerk');
          }}
        />
      )}
      {mode === 'clerk' && clerk && (
        <ClerkWorkspace session={clerk} onAssist={() => setMode('assisting')} onSignedOut={toVillager} />
      )}
      {mode === 'admin' && <AdminConsole onClose={toVillager} />}
      {mode !== 'admin' && <AdminEntryCorner onOpen={() => setMode('admin')} />}
    </>
  );
}
