import { extname, join, normalize, sep } from 'node:path';

/**
 * The renderer is served from a privileged, secure custom scheme instead of file:// — so
 * crypto.subtle and IndexedDB work, the origin is stable (app://kiosk), and no file path is ever
 * reachable from the page.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

export const appSchemePrivileges = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
};

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.mp3': 'audio/mpeg',
  '.wasm': 'application/wasm',
};

/** Maps an app:// URL to a file inside the renderer folder, or null (404) for anything else. */
export function resolveAppRequest(
  url: string,
  rendererDir: string,
): { file: string; mimeType: string } | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.split('/').some((p) => p.startsWith('.'))) return null;
  const root = normalize(rendererDir);
  const relative = pathname === '/' ? 'index.html' : pathname;
  const file = normalize(join(root, relative));
  if (!file.startsWith(root + sep)) return null;
  // Unknown extension-less paths are app routes: serve the index.
  if (!extname(file)) return { file: join(root, 'index.html'), mimeType: MIME['.html']! };
  const mimeType = MIME[extname(file)];
  return mimeType ? { file, mimeType } : null;
}
