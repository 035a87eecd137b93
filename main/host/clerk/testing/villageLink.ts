import { connect, createServer, type Server, type Socket } from 'node:net';

/** The village link: a TCP proxy to the gateway that refuses every connection while down. */
export class VillageLink {
  online = false;
  /** Accept connections and never answer: a link that hangs instead of failing. */
  hanging = false;
  private readonly sockets = new Set<Socket>();
  private server!: Server;
  port = 0;
  constructor(private readonly targetPort: number) {}
  async start() {
    this.server = createServer((client) => {
      if (this.hanging) {
        this.sockets.add(client);
        client.on('close', () => this.sockets.delete(client));
        client.on('error', () => client.destroy());
        return;
      }
      if (!this.online) return client.destroy();
      const upstream = connect(this.targetPort, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }
  /** From now on connections hang; open ones are dropped so nothing gets through on them. */
  hang() {
    for (const s of this.sockets) s.destroy();
    this.hanging = true;
  }
  cut() {
    this.online = false;
    this.hanging = false;
    for (const s of this.sockets) s.destroy();
  }
  async stop() {
    this.cut();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
