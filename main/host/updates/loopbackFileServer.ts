// A real HTTP server on 127.0.0.1 for the update tests: serves named buffers with Range support
// and can be told to misbehave (cut a response short) the way a village link does.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackFileServer {
  url: string;
  files: Map<string, Buffer | string>;
  /** Paths whose next response is cut after this many body bytes (then the socket is destroyed). */
  cutAfter: Map<string, number>;
  requests: { path: string; range?: string | undefined }[];
  close(): Promise<void>;
}

export async function startLoopbackFileServer(): Promise<LoopbackFileServer> {
  const files = new Map<string, Buffer | string>();
  const cutAfter = new Map<string, number>();
  const requests: LoopbackFileServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push({ path, range: req.headers.range });
    const body = files.get(path);
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    const data = Buffer.from(body);
    let start = 0;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (range) {
      start = Number(range[1]);
      if (start >= data.length) {
        res.writeHead(416, { 'content-range': `bytes */${data.length}` }).end();
        return;
      }
      res.writeHead(206, {
        'content-range': `bytes ${start}-${data.length - 1}/${data.length}`,
        'content-length': data.length - start,
      });
    } else {
      res.writeHead(200, { 'content-length': data.length });
    }
    const cut = cutAfter.get(path);
    if (cut !== undefined) {
      cutAfter.delete(path);
      res.write(data.subarray(start, start + cut), () => res.destroy());
      return;
    }
    res.end(data.subarray(start));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    files,
    cutAfter,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
