import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { ClerkSession } from '../../../contract/clerk';
import { connectKioskApi } from '../../api/connectKioskApi';
import { KioskApiProvider } from '../../api/KioskApiContext';
import { ClerkSignIn, ClerkWorkspace } from '../index';
import '../../styles/kiosk.css';

/**
 * Test page for e2e/townQueue.e2e.test.ts: clerk sign-in, then the clerk workspace with the
 * town's queue, over the real WebSocket binding. Built with Vite (the catalogue is gathered by
 * `import.meta.glob`), unlike the esbuild-built staff harness.
 */
function ClerkOnly() {
  const [session, setSession] = useState<ClerkSession | null>(null);
  if (!session) return <ClerkSignIn onCancel={() => undefined} onSignedIn={(s) => setSession(s)} />;
  return <ClerkWorkspace session={session} onSignedOut={() => setSession(null)} />;
}

createRoot(document.getElementById('root')!).render(
  <KioskApiProvider api={connectKioskApi()}>
    <ClerkOnly />
  </KioskApiProvider>,
);
