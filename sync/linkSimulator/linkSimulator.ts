import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A village link between the kiosk and the county, in-process: a TCP proxy with one-way
 * latency, a bandwidth cap shared by every connection (it is one link), dropped connections,
 * responses cut mid-body and bursts of HTTP 5xx. Tests and the drain benchmark put it between
 * the real sync client and the real gateway.
 *
 * Each direction is a serial pipe: a piece is transmitted when the link is free (size ÷ rate)
 * and arrives `latencyMs` later. A connection stops being read while more than `windowBytes` of
 * its data are in flight, like a TCP window, so a drop loses at most one window per connection.
 */
export interface LinkOptions {
  target: { host: string; port: number };
  latencyMs?: number;
  /** Bytes per second in each direction; 0 or undefined = unlimited. */
  bytesPerSecond?: number;
  windowBytes?: number;
  /** Drop every connection on this period (the link flaps). */
  dropEveryMs?: number;
}

export interface LinkStats {
  /** Bytes accepted from the client side (kiosk → county). */
  bytesUp: number;
  /** Bytes accepted from the server side (county → kiosk). */
  bytesDown: number;
  connections: number;
  drops: number;
}

const PIECE_BYTES = 8 * 1024;

class Pipe {
  private freeAt = 0;
  constructor(private readonly link: LinkSimulator) {}

  /** Returns the delay until `bytes` have crossed the link, reserving the link for them. */
  reserve(bytes: number): number {
    const now = performance.now();
    const rate = this.link.options.bytesPerSecond ?? 0;
    const start = Math.max(now, this.freeAt);
    const end = rate > 0 ? start + (bytes / rate) * 1000 : start;
    this.freeAt = end;
    return end - now + (this.link.options.latencyMs ?? 0);
  }
}

interface Pair {
  client: Socket;
  server: Socket;
}

export class LinkSimulator {
  private server: Server | null = null;
  private readonly pairs = new Set<Pair>();
  private readonly up = new Pipe(this);
  private readonly down = new Pipe(this);
  private dropTimer: ReturnType<typeof setInterval> | undefined;
  private cutAfter: number | null = null;
  private failNext = 0;
  private failStatus = 503;
  readonly stats: LinkStats = { bytesUp: 0, bytesDown: 0, connections: 0, drops: 0 };
  port = 0;

  constructor(readonly options: LinkOptions) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    this.setDropEvery(this.options.dropEveryMs);
    return this;
  }

  /** Point the link at another address (a restarted gateway). */
  setTarget(target: { host: string; port: number }): void {
    this.options.target = target;
  }

  setDropEvery(ms: number | undefined): void {
    if (this.dropTimer) clearInterval(this.dropTimer);
    this.dropTimer = ms ? setInterval(() => this.drop(), ms) : undefined;
  }

  /** Cut every open connection at once, as a flapping link does. */
  drop(): void {
    if (this.pairs.size > 0) this.stats.drops++;
    for (const pair of this.pairs) {
      pair.client.destroy();
      pair.server.destroy();
    }
    this.pairs.clear();
  }

  /** The next response bytes flowing to the kiosk are cut after `bytes` (mid-body). */
  cutNextResponseAfter(bytes: number): void {
    this.cutAfter = bytes;
  }

  /** The next `count` connections get an HTTP error instead of reaching the county. */
  failNextConnections(count: number, status = 503): void {
    this.failNext = count;
    this.failStatus = status;
    // Kept-alive connections would bypass the burst; close them so clients reconnect into it.
    this.drop();
  }

  async stop(): Promise<void> {
    this.setDropEvery(undefined);
    this.drop();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(client: Socket): void {
    this.stats.connections++;
    if (this.failNext > 0) {
      this.failNext--;
      const body = JSON.stringify({
        error: 'link_simulator',
        message: 'injected failure',
        messageZh: '线路故障',
      });
      client.on('error', () => {});
      client.resume(); // discard the request, or the socket never closes
      client.setTimeout(2000, () => client.destroy());
      client.end(
        `HTTP/1.1 ${this.failStatus} Injected\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
      return;
    }
    const server = connect(this.options.target.port, this.options.target.host);
    const pair = { client, server };
    this.pairs.add(pair);
    const close = () => {
      this.pairs.delete(pair);
      client.destroy();
      server.destroy();
    };
    client.on('error', close);
    server.on('error', close);
    client.on('close', close);
    server.on('close', close);
    this.forward(client, server, this.up, 'bytesUp', false);
    this.forward(server, client, this.down, 'bytesDown', true);
  }

  private forward(
    from: Socket,
    to: Socket,
    pipe: Pipe,
    counter: 'bytesUp' | 'bytesDown',
    isResponse: boolean,
  ) {
    let inFlight = 0;
    const windowBytes = this.options.windowBytes ?? 64 * 1024;
    let ended = false;
    from.on('data', (chunk: Buffer) => {
      this.stats[counter] += chunk.length;
      for (let offset = 0; offset < chunk.length; offset += PIECE_BYTES) {
        let piece = chunk.subarray(offset, offset + PIECE_BYTES);
        let cutHere = false;
        if (isResponse && this.cutAfter !== null) {
          if (piece.length >= this.cutAfter) {
            piece = piece.subarray(0, this.cutAfter);
            this.cutAfter = null;
            cutHere = true;
          } else {
            this.cutAfter -= piece.length;
          }
        }
        inFlight += piece.length;
        const delay = pipe.reserve(piece.length);
        setTimeout(() => {
          inFlight -= piece.length;
          if (!to.destroyed) to.write(piece);
          if (cutHere) {
            from.destroy();
            to.destroy();
          }
          if (inFlight <= windowBytes && from.isPaused() && !from.destroyed) from.resume();
          if (ended && inFlight === 0 && !to.destroyed) to.end();
        }, delay);
        if (cutHere) break;
      }
      if (inFlight > windowBytes) from.pause();
    });
    from.on('end', () => {
      ended = true;
      if (inFlight === 0 && !to.destroyed) to.end();
    });
  }
}

export async function startLinkSimulator(options: LinkOptions): Promise<LinkSimulator> {
  return new LinkSimulator(options).start();
}
