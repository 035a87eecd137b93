import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { ownershipConflictHandler } from './conflictHandler';
import { personalSchema, replicatedSchemas } from './schemas/collectionSchemas';

/**
 * The kiosk's RxDB database: Dexie (IndexedDB) with strict durability, so a committed
 * transaction has been flushed by the OS and not only handed to its buffer (Chrome ≥ 121
 * defaults to relaxed). Dev-mode is never imported here: in a browser it loads an iframe from
 * rxdb.info, an outbound request a government terminal must not make.
 */
export type KioskCollections = {
  applications: RxCollection<Record<string, unknown>>;
  ratings: RxCollection<Record<string, unknown>>;
  services: RxCollection<Record<string, unknown>>;
  clerks: RxCollection<Record<string, unknown>>;
  announcements: RxCollection<Record<string, unknown>>;
  audit: RxCollection<Record<string, unknown>>;
  settings: RxCollection<Record<string, unknown>>;
  personal: RxCollection<{ id: string; iv: string; data: string; acknowledgedAt?: string | null }>;
};
export type KioskDatabase = RxDatabase<KioskCollections>;

/** Collections the county writes and the kiosk may also push; their county fields win. */
const COUNTY_FIELDS: Partial<Record<keyof KioskCollections, readonly string[]>> = {
  applications: ['status', 'history', 'rejectionReason', 'staffNote', 'filesComplete'],
  ratings: ['followUp', 'rejectionReason'],
  audit: ['rejectionReason'],
};

let pluginsAdded = false;

export interface KioskDatabaseOptions {
  name?: string;
  /** Tests in Node pass Dexie over fake-indexeddb; the kiosk uses the default. */
  storage?: RxStorage<unknown, unknown>;
}

export function kioskStorage(extra: Record<string, unknown> = {}): RxStorage<unknown, unknown> {
  return getRxStorageDexie({ chromeTransactionDurability: 'strict', ...extra }) as RxStorage<
    unknown,
    unknown
  >;
}

export async function openKioskDatabase(options: KioskDatabaseOptions = {}): Promise<KioskDatabase> {
  if (!pluginsAdded) {
    addRxPlugin(RxDBMigrationSchemaPlugin);
    pluginsAdded = true;
  }
  const db = await createRxDatabase<KioskCollections>({
    name: options.name ?? 'cunban',
    storage: options.storage ?? kioskStorage(),
    multiInstance: false,
    eventReduce: true,
    closeDuplicates: true,
  });
  const collections: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(replicatedSchemas)) {
    const countyFields = COUNTY_FIELDS[name as keyof KioskCollections];
    collections[name] = {
      schema: def.schema,
      ...(def.migrationStrategies ? { migrationStrategies: def.migrationStrategies } : {}),
      ...(countyFields ? { conflictHandler: ownershipConflictHandler(countyFields) } : {}),
    };
  }
  collections.personal = { schema: personalSchema };
  await db.addCollections(collections as never);
  return db;
}
