import type { KioskApi } from '../../contract/kioskApi';
import type { ApplicationDraft, SubmitResult } from '../../contract/queue';
import { ApplicationStore, submitApplication } from './applicationStore';
import { type ConnectionState, CountyConnection } from './countyConnection';
import { hostCountyTransport } from './countyTransport';
import { type KioskDatabase, type KioskDatabaseOptions, openKioskDatabase } from './kioskDatabase';
import { type KioskReplication, startKioskReplication } from './kioskReplication';
import { PersonalVault } from './personalVault';
import { sweepPersonalData } from './retention';

/**
 * The renderer's offline queue in one call, in the order that keeps promises: open RxDB, replay
 * journal entries it lacks (a wiped or corrupted IndexedDB is refilled from the host), then
 * replicate, probe the county, and sweep personal data past its retention period.
 */
export interface OfflineQueue {
  db: KioskDatabase;
  store: ApplicationStore;
  replication: KioskReplication | null;
  connection: CountyConnection;
  restoredFromJournal: number;
  submit(draft: ApplicationDraft): Promise<SubmitResult>;
  stop(): Promise<void>;
}

export interface OfflineQueueOptions extends KioskDatabaseOptions {
  onConnection?: (state: ConnectionState) => void;
  /** How often to probe the county while offline and to sweep retention. */
  probeEveryMs?: number;
}

export async function startOfflineQueue(
  api: KioskApi,
  options: OfflineQueueOptions = {},
): Promise<OfflineQueue> {
  const session = await api.request('queue.session', {});
  const vault = await PersonalVault.fromBase64(session.personalKey);
  const db = await openKioskDatabase(options);
  const store = new ApplicationStore(db, vault);
  const restoredFromJournal = await store.replayJournal(api);
  const connection = new CountyConnection(hostCountyTransport(api), { onState: options.onConnection });
  const replication = session.countyUrl
    ? startKioskReplication({ db, store, connection, countyUrl: session.countyUrl })
    : null;
  let wasOnline = false;
  const tick = async () => {
    const online = await connection.probe();
    // Back online: pull from the checkpoints at once instead of waiting for RxDB's next retry.
    if (online && !wasOnline) replication?.reSync();
    wasOnline = online;
    await sweepPersonalData(db, session.retentionDays).catch(() => {});
  };
  void tick();
  const timer = setInterval(() => void tick(), options.probeEveryMs ?? 30_000);
  const onBrowserOnline = () => void tick();
  globalThis.addEventListener?.('online', onBrowserOnline);

  return {
    db,
    store,
    replication,
    connection,
    restoredFromJournal,
    submit: (draft) => submitApplication(api, store, draft),
    async stop() {
      clearInterval(timer);
      globalThis.removeEventListener?.('online', onBrowserOnline);
      await replication?.stop();
      await db.close();
    },
  };
}
