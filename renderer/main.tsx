import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectKioskApi } from './api/connectKioskApi';
import { KioskApiProvider } from './api/KioskApiContext';
import { setupI18n } from './i18n/setup';
import { KioskModes } from './KioskModes';
import { installLockdown } from './lockdown';
import './styles/kiosk.css';
import { keepScreenAwake } from './wakeLock';

installLockdown();
keepScreenAwake();
setupI18n();
const api = connectKioskApi();
// Exposed for end-to-end tests and the diagnostics screen; it is the same object the UI uses.
(window as unknown as { kioskApi: typeof api }).kioskApi = api;

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
createRoot(root).render(
  <StrictMode>
    <KioskApiProvider api={api}>
      <KioskModes>
        <App />
      </KioskModes>
    </KioskApiProvider>
  </StrictMode>,
);
