/**
 * The kiosk page may only ever show its own origin. Every navigation, new window, webview and
 * download is refused unless it stays on that origin — there is no path to file://, to a
 * search engine, or to any other site from the villager's screen.
 */
export function isAllowedNavigation(url: string, appOrigin: string): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (target.username || target.password) return false;
  return `${target.protocol}//${target.host}` === appOrigin;
}

/** New windows are never opened; the kiosk is one window. */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}
