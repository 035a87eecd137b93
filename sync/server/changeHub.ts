import type { CollectionName } from '../protocol/replication';
import type { Database } from './database';
import type { ChangeNotice } from './documentStore';

/**
 * The node's single LISTEN connection, fanned out to its SSE clients. Notifications carry only
 * the collection, highest seq and scope tags; a client that cares gets "RESYNC" and pulls from
 * its checkpoint, so correctness never depends on a notification arriving.
 */
export type ChangeListener = (collection: CollectionName | '*') => void;

interface Subscriber {
  scopes: Set<string>;
  collection: CollectionName | null;
  listener: ChangeListener;
}

export class ChangeHub {
  private readonly subscribers = new Set<Subscriber>();
  private stop: (() => Promise<void>) | null = null;

  constructor(private readonly db: Database) {}

  async start(): Promise<void> {
    this.stop = await this.db.listen(
      this.db.changeChannel,
      (payload) => this.dispatch(payload),
      // The LISTEN link was down: we may have missed changes, so everyone resyncs.
      () => {
        for (const s of this.subscribers) s.listener('*');
      },
    );
  }

  get size(): number {
    return this.subscribers.size;
  }

  subscribe(scopes: string[], collection: CollectionName | null, listener: ChangeListener): () => void {
    const sub: Subscriber = { scopes: new Set(scopes), collection, listener };
    this.subscribers.add(sub);
    return () => {
      this.subscribers.delete(sub);
    };
  }

  private dispatch(payload: string): void {
    let notice: ChangeNotice;
    try {
      notice = JSON.parse(payload) as ChangeNotice;
    } catch {
      return;
    }
    const everyone = notice.k.includes('*');
    for (const s of this.subscribers) {
      if (s.collection && s.collection !== notice.c) continue;
      if (everyone || notice.k.some((k) => s.scopes.has(k))) s.listener(notice.c);
    }
  }

  async close(): Promise<void> {
    this.subscribers.clear();
    await this.stop?.();
    this.stop = null;
  }
}
