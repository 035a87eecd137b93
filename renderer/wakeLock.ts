/**
 * The display never sleeps while the kiosk is open. Electron does this with powerSaveBlocker;
 * in the browser host the page asks for a screen wake lock, and asks again whenever it becomes
 * visible (the lock is released when the page is hidden).
 */
export function keepScreenAwake(nav: Navigator = navigator, doc: Document = document): void {
  const wakeLock = (nav as Navigator & { wakeLock?: { request(type: 'screen'): Promise<unknown> } }).wakeLock;
  if (!wakeLock) return;
  const request = () => void wakeLock.request('screen').catch(() => {});
  request();
  doc.addEventListener('visibilitychange', () => {
    if (doc.visibilityState === 'visible') request();
  });
}
