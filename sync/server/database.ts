import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * One small interface over PGlite (embedded, single connection) and PostgreSQL (pool + one
 * dedicated LISTEN connection per node). Everything above it runs the same SQL on both.
 */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Channel name for change notifications; per schema so parallel test schemas stay apart. */
  readonly changeChannel: string;
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** PGlite only: the data directory as a tarball (test templates, backups). */
  dumpDataDir?(): Promise<Blob>;
  /**
   * Subscribes to NOTIFY on `channel`. `onReconnect` runs after the LISTEN connection was lost
   * and re-established: notifications may have been missed, so listeners should resync.
   */
  listen(
    channel: string,
    onPayload: (payload: string) => void,
    onReconnect?: () => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… — when absent, PGlite is used. */
  databaseUrl?: string;
  /** PostgreSQL schema to use (created if missing). Tests use one per file. */
  schema?: string;
  /** PGlite data directory; absent = in memory. */
  dataDir?: string;
  /** PGlite: start from a dumped data directory (in memory). */
  loadDataDir?: Blob;
  poolSize?: number;
}

const SCHEMA_PATTERN = /^[a-z_][a-z0-9_]{0,40}$/;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.schema !== undefined && !SCHEMA_PATTERN.test(options.schema)) {
    throw new Error(`invalid schema name ${options.schema}`);
  }
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openPglite(options);
}

async function openPglite(options: DatabaseOptions): Promise<Database> {
  const db = options.dataDir
    ? await PGlite.create(options.dataDir)
    : await PGlite.create(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    query: async <T>(sql: string, params?: unknown[]) => {
      const r = await q.query<T>(sql, params);
      return { rows: r.rows };
    },
    exec: async (sql: string) => {
      await q.exec(sql);
    },
  });
  const base = wrap(db);
  return {
    kind: 'pglite',
    changeChannel: 'cunban_changes',
    ...base,
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    dumpDataDir: async () => (await db.dumpDataDir('none')) as Blob,
    listen: async (channel, onPayload) => {
      const unlisten = await db.listen(channel, onPayload);
      return async () => {
        await unlisten();
      };
    },
    close: () => db.close(),
  };
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  const schema = options.schema;
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const connection = { connectionString: url, ...(schema ? { options: `-c search_path=${schema}` } : {}) };
  const pool = new pg.Pool({ ...connection, max: options.poolSize ?? 10 });
  // An idle client erroring (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const listeners = new Set<() => Promise<void>>();
  const db: Database = {
    kind: 'postgres',
    changeChannel: schema ? `cunban_changes_${schema}` : 'cunban_changes',
    query: async <T>(sql: string, params?: unknown[]) => {
      const r = await pool.query(sql, params as unknown[]);
      return { rows: r.rows as T[] };
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: async <T>(sql: string, params?: unknown[]) => {
            const r = await client.query(sql, params as unknown[]);
            return { rows: r.rows as T[] };
          },
          exec: async (sql) => {
            await client.query(sql);
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    listen: async (channel, onPayload, onReconnect) => {
      const stop = await listenWithReconnect(connection, channel, onPayload, onReconnect);
      listeners.add(stop);
      return async () => {
        listeners.delete(stop);
        await stop();
      };
    },
    close: async () => {
      for (const stop of listeners) await stop();
      await pool.end();
    },
  };
  return db;
}

/** A dedicated session for LISTEN (never from the pool: pooled sessions would drop it). */
async function listenWithReconnect(
  connection: pg.ClientConfig,
  channel: string,
  onPayload: (payload: string) => void,
  onReconnect?: () => void,
): Promise<() => Promise<void>> {
  let stopped = false;
  let client: pg.Client | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let delay = 200;

  const connect = async (isReconnect: boolean): Promise<void> => {
    const c = new pg.Client(connection);
    c.on('notification', (msg) => {
      if (msg.channel === channel) onPayload(msg.payload ?? '');
    });
    c.on('error', () => scheduleReconnect(c));
    c.on('end', () => scheduleReconnect(c));
    await c.connect();
    await c.query(`LISTEN ${channel}`);
    client = c;
    delay = 200;
    if (isReconnect) onReconnect?.();
  };

  const scheduleReconnect = (failed: pg.Client) => {
    if (stopped || client !== failed || retryTimer) return;
    client = null;
    failed.end().catch(() => {});
    const attempt = () => {
      retryTimer = setTimeout(() => {
        retryTimer = null;
        connect(true).catch(() => {
          delay = Math.min(delay * 2, 10_000);
          attempt();
        });
      }, delay);
    };
    attempt();
  };

  await connect(false);
  return async () => {
    stopped = true;
    if (retryTimer) clearTimeout(retryTimer);
    const c = client;
    client = null;
    if (c) await c.end().catch(() => {});
  };
}
