import type { RxReplicationPullStreamItem, RxReplicationWriteToMasterRow } from 'rxdb';
import { type RxReplicationState, replicateRxCollection } from 'rxdb/plugins/replication';
import { Subject } from 'rxjs';
import { COLLECTIONS, type CollectionName, KIOSK_PUSHABLE } from '../../sync/protocol/replication';
import { maskApplication } from './applicationPrivacy';
import type { ApplicationStore } from './applicationStore';
import type { CountyConnection } from './countyConnection';
import type { KioskDatabase } from './kioskDatabase';

/**
 * Replication of the seven county collections with `replicateRxCollection`: pull and push to the
 * county's HTTP API (through the host, which signs), the county's SSE stream turned into RESYNC
 * per collection (and for all of them on every reconnect), small push batches for a slow link. Applications are pushed in full (the personal part unsealed for that
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
  const maskIfApplication = (name: CollectionName, doc: Doc) =>
    name === 'applications' ? maskApplication(doc) : doc;

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
            const page = await connection.transport.pull(name, seq, batchSize);
            return {
              documents: page.documents.map((d) => maskIfApplication(name, d)) as never,
              checkpoint: page.checkpoint,
            };
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
                    const doc =
                      name === 'applications'
                        ? await store.full(row.newDocumentState as Doc)
                        : (row.newDocumentState as Doc);
                    // Kiosk documents are written once: a master that exists is a conflict
                    // whatever we assume, so the assumed state is not sent (it would carry
                    // personal data for nothing). Purged applications are not pushed again.
                    if (doc) wire.push({ assumedMasterState: null, newDocumentState: doc });
                  }
                  if (wire.length === 0) return [];
                  const conflicts = await connection.transport.push(name as 'applications', wire);
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
  // The county's live stream (relayed by the host) only says *what* changed; RxDB then pulls
  // from its checkpoint, so a missed event is never a lost change.
  const unsubscribe = connection.transport.onChange((collection) => {
    if (collection === '*') resyncAll();
    else streams.get(collection)?.next('RESYNC');
  });

  return {
    states,
    reSync: () => {
      for (const s of Object.values(states)) s?.reSync();
    },
    async stop() {
      unsubscribe();
      await Promise.all(Object.values(states).map((s) => s?.cancel()));
      for (const s of streams.values()) s.complete();
    },
  };
}
