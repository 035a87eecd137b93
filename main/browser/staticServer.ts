import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wasm': 'application/wasm',
};

export interface StaticServerOptions {
  /** The built renderer (dist/renderer). */
  root: string;
  /** Content-Security-Policy for every document; computed once the port is known. */
  csp: () => string;
}

/**
 * Serves the built renderer on 127.0.0.1 only. Paths are resolved inside the root and nothing
 * else (no directory listing, no dotfiles, no `..`); unknown paths get the app's index so a
 * reload on any screen lands in the app.
 */
export function createStaticServer(options: StaticServerOptions): Server {
  const root = normalize(options.root);
  return createServer(async (req, res) => {
    const headers = {
      'Content-Security-Policy': options.csp(),
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Permissions-Policy': 'camera=(self), microphone=(), geolocation=(), usb=(), hid=(), serial=()',
      'Cache-Control': 'no-cache',
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers).end();
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400, headers).end();
      return;
    }
    if (pathname.includes('\0') || pathname.split('/').some((part) => part.startsWith('.'))) {
      res.writeHead(404, headers).end();
      return;
    }
    let file = normalize(join(root, pathname));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(404, headers).end();
      return;
    }
    let info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) {
      if (extname(pathname)) {
        res.writeHead(404, headers).end();
        return;
      }
      file = join(root, 'index.html');
      info = await stat(file).catch(() => undefined);
      if (!info) {
        res
          .writeHead(503, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' })
          .end('renderer not built');
        return;
      }
    }
    res.writeHead(200, {
      ...headers,
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': info.size,
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
}
