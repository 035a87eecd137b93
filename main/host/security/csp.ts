/**
 * The kiosk page's Content-Security-Policy. `connect-src` names only the page's own origin (the
 * host binding), the county gateway, and — in the browser host — the loopback WebSocket.
 */
export function buildCsp({
  countyUrl,
  extraConnect = [],
}: {
  countyUrl: string | null;
  extraConnect?: string[];
}): string {
  const connect = ["'self'", ...extraConnect];
  if (countyUrl) connect.push(new URL(countyUrl).origin);
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    "font-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
  ].join('; ');
}
