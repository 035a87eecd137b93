import { useCallback, useEffect, useMemo, useState } from 'react';
import { StaffApi } from './api/staffApi';
import type { ServiceDocument, StaffSession } from './api/types';
import { NavBar } from './components/NavBar';
import { ConsoleContext } from './consoleContext';
import { ApplicationDetailPage } from './pages/application/ApplicationDetailPage';
import { ApplicationsPage } from './pages/applications/ApplicationsPage';
import { AuditPage } from './pages/audit/AuditPage';
import { CatalogPage } from './pages/catalog/CatalogPage';
import { DevicesPage } from './pages/devices/DevicesPage';
import { RatingsPage } from './pages/ratings/RatingsPage';
import { SignInPage } from './pages/signIn/SignInPage';
import { useHashRoute } from './useHashRoute';

type SessionState =
  | { kind: 'checking' }
  | { kind: 'signedOut' }
  | { kind: 'signedIn'; session: StaffSession };

export function App() {
  const api = useMemo(() => new StaffApi(), []);
  const [state, setState] = useState<SessionState>({ kind: 'checking' });
  const [services, setServices] = useState<ServiceDocument[]>([]);
  const route = useHashRoute();

  // A session cookie may still be valid from before a reload.
  useEffect(() => {
    api.me().then(
      (session) => setState({ kind: 'signedIn', session }),
      () => setState({ kind: 'signedOut' }),
    );
  }, [api]);

  const signedIn = state.kind === 'signedIn';
  const reloadServices = useCallback(() => {
    api.services().then(
      (r) => setServices(r.items),
      () => setServices([]),
    );
  }, [api]);
  useEffect(() => {
    if (signedIn) reloadServices();
  }, [signedIn, reloadServices]);

  const signedOut = useCallback(() => setState({ kind: 'signedOut' }), []);
  const signOut = useCallback(() => {
    api.logout().finally(signedOut);
  }, [api, signedOut]);

  if (state.kind === 'checking') return <p className="page-status">正在连接县级网关…</p>;
  if (state.kind === 'signedOut') {
    return <SignInPage api={api} onSignedIn={(session) => setState({ kind: 'signedIn', session })} />;
  }

  return (
    <ConsoleContext.Provider value={{ api, session: state.session, services, signedOut }}>
      <NavBar route={route} session={state.session} onSignOut={signOut} />
      <main className="page">
        {route.page === 'applications' && <ApplicationsPage />}
        {route.page === 'application' && <ApplicationDetailPage id={route.id} />}
        {route.page === 'devices' && <DevicesPage />}
        {route.page === 'catalog' && <CatalogPage onPublished={reloadServices} />}
        {route.page === 'ratings' && <RatingsPage />}
        {route.page === 'audit' && <AuditPage />}
      </main>
    </ConsoleContext.Provider>
  );
}
