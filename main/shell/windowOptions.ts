/**
 * The kiosk window: full-screen, frameless, and a renderer with no Node, no remote content, a
 * sandbox, isolated context, and DevTools only in development.
 */
export function kioskWindowOptions({
  preloadPath,
  development,
}: {
  preloadPath: string;
  development: boolean;
}) {
  return {
    show: false,
    fullscreen: !development,
    kiosk: !development,
    frame: development,
    autoHideMenuBar: true,
    backgroundColor: '#fdfbf6',
    title: '村办自助终端',
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: development,
      spellcheck: false,
      navigateOnDragDrop: false,
      autoplayPolicy: 'no-user-gesture-required' as const,
      disableBlinkFeatures: 'Auxclick',
    },
  };
}
