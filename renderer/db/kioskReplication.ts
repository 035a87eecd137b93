import type { RxReplicationPullStreamItem, RxReplicationWriteToMasterRow } from 'rxdb';
import { type RxReplicationState, replicateRxCollection } from 'rxdb/plugins/replication';
import { Subject } from 'rxjs';
import { readSse } from '../../sync/client/sseReader';
import { type CollectionName, COLLECTIONS, KIOSK_PUSHABLE, type KioskStreamEvent, type PullResponse } from '../../sync/protocol/replication';
import { maskApplication } from './applicationPrivacy';
import type { ApplicationStore } from './applicationStore';
import type { CountyConnection } from './countyConnection';
import type { KioskDatabase } from './kioskDatabase';
import { backoffDelay, sleep } from './retryBackoff';

/**
 * Replication of the seven county collections with `replicateRxCollection`: pull and push over
 * HTTP, one SSE stream for all collections that answers RESYNC on every (re)connect, small push
 * batches for a slow link. Applications are pushed in full (the personal part unsealed for that
 * one request) and everything coming back from the county is masked before RxDB stores it —
 * including RxDB's own replication metadata, which holds the last master state in the clear.
 */
type Doc = Record<string, unknown>;
type Checkpoint = { seq: number };

export interface KioskReplicationOptions {
  db: KioskDatabase;
  store: ApplicationStore;
  connection: CountyConnection;
  /** Part of the replication identifier: a new county starts from checkpoint 0. */
  countyUrl: string;
  pushBatchSize?: number;
  pullBatchSize?: number;
  /** RxDB's own fixed retry, kept short: the handlers already waited the jittered backoff. */
  retryTimeMs?: number;
  collections?: readonly CollectionName[];
}

export interface KioskReplication {
  states: Partial<Record<CollectionName, RxReplicationState<Doc, Checkpoint>>>;
  /** Pull everything again from the last checkpoints (e.g. the probe found the county back). */
  reSync(): void;
  stop(): Promise<void>;
}

export function startKioskReplication(options: KioskReplicationOptions): KioskReplication {
  const { db, store, connection } = options;
  const names = options.collections ?? COLLECTIONS;
  const streams = new Map<CollectionName, Subject<RxReplicationPullStreamItem<Doc, Checkpoint>>>();
  const states: KioskReplication['states'] = {};
  const abort = new AbortController();
  const maskIfApplication = (name: CollectionName, doc: Doc) => (name === 'applications' ? maskApplication(doc) : doc);

  for (const name of names) {
    const stream$ = new Subject<RxReplicationPullStreamItem<Doc, Checkpoint>>();
    streams.set(name, stream$);
    const pushable = KIOSK_PUSHABLE.has(name);
    states[name] = replicateRxCollection<Doc, Checkpoint>({
      collection: db[name] as never,
      replicationIdentifier: `cunban-${name}-${options.countyUrl}`,
      deletedField: '_deleted',
      live: true,
      retryTime: options.retryTimeMs ?? 1000,
      waitForLeadership: false,
      toggleOnDocumentVisible: false,
      autoStart: true,
      pull: {
        batchSize: options.pullBatchSize ?? 50,
        stream$: stream$.asObservable(),
        handler: (checkpoint, batchSize) =>
          connection.attempt(async () => {
            const seq = checkpoint?.seq ?? 0;
            const page = await connection.json<PullResponse<Doc>>(`/v1/sync/${name}/pull?seq=${seq}&limit=${batchSize}`);
            return { documents: page.documents.map((d) => maskIfApplication(name, d)) as never, checkpoint: page.checkpoint };
          }),
      },
      ...(pushable
        ? {
            push: {
              batchSize: options.pushBatchSize ?? 10,
              handler: (rows: RxReplicationWriteToMasterRow<Doc>[]) =>
                connection.attempt(async () => {
                  const wire: Array<{ assumedMasterState: null; newDocumentState: Doc }> = [];
                  for (const row of rows) {
                    const doc = name === 'applications' ? await store.full(row.newDocumentState as Doc) : (row.newDocumentState as Doc);
                    // Kiosk documents are written once: a master that exists is a conflict
                    // whatever we assume, so the assumed state is not sent (it would carry
                    // personal data for nothing). Purged applications are not pushed again.
                    if (doc) wire.push({ assumedMasterState: null, newDocumentState: doc });
                  }
                  if (wire.length === 0) return [];
                  const conflicts = await connection.json<Doc[]>(`/v1/sync/${name}/push`, {
                    method: 'POST',
                    headers: { 'content-type': 'application/json' },
                    body: JSON.stringify(wire),
                  });
                  return conflicts.map((d) => maskIfApplication(name, d)) as never;
                }),
            },
          }
        : {}),
    });
  }

  const resyncAll = () => {
    for (const s of streams.values()) s.next('RESYNC');
  };
  void runStream(connection, abort.signal, (event) => {
    if (event.collection === '*') return resyncAll();
    const target = streams.get(event.collection);
    if (!target) return;
    if (event.message === 'RESYNC') target.next('RESYNC');
    else target.next({ ...event.message, documents: event.message.documents.map((d) => maskIfApplication(event.collection as CollectionName, d)) } as never);
  }, resyncAll);

  return {
    states,
    reSync: () => {
      for (const s of Object.values(states)) s?.reSync();
    },
    async stop() {
      abort.abort();
      await Promise.all(Object.values(states).map((s) => s?.cancel()));
      for (const s of streams.values()) s.complete();
    },
  };
}

/**
 * The live stream over fetch (not EventSource: it can send the Authorization header, and it
 * runs in Node tests too). Every (re)connect is followed by RESYNC: changes made while the link
 * was down are not replayed by the county's NOTIFY, only found by pulling from the checkpoint.
 */
async function runStream(
  connection: CountyConnection,
  signal: AbortSignal,
  onEvent: (event: KioskStreamEvent) => void,
  onReconnect: () => void,
): Promise<void> {
  let failures = 0;
  while (!signal.aborted) {
    try {
      const res = await connection.request('/v1/sync/stream', { signal, headers: { accept: 'text/event-stream' } });
      if (!res.body) throw new Error('stream without a body');
      failures = 0;
      onReconnect();
      for await (const data of readSse(res.body)) {
        try {
          onEvent(JSON.parse(data) as KioskStreamEvent);
        } catch {
          onReconnect(); // an unreadable event: pull from the checkpoint instead
        }
      }
    } catch {
      if (signal.aborted) return;
    }
    failures++;
    await sleep(backoffDelay(failures, 500, 30_000));
  }
}
