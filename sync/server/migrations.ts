import type { Database } from './database';

/**
 * Schema migrations, applied in order on PGlite and PostgreSQL alike. Append only: never edit a
 * migration that has shipped; add a new one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'documents, devices, enrollment, files, staff',
    sql: `
CREATE SEQUENCE change_seq;
-- Every replicated collection lives here. seq is assigned under a per-collection advisory lock
-- inside the writing transaction, so seq order is commit order and a pull never skips a row.
CREATE TABLE documents (
  collection text NOT NULL,
  id text NOT NULL,
  scopes text[] NOT NULL,
  body jsonb NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  seq bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (collection, id)
);
CREATE INDEX documents_collection_seq ON documents (collection, seq);
CREATE INDEX documents_app_status ON documents ((body->>'status')) WHERE collection = 'applications';

-- Every published version of a service, so an application is checked against the form it used.
CREATE TABLE service_versions (
  id text NOT NULL,
  version integer NOT NULL,
  body jsonb NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now(),
  published_by text,
  PRIMARY KEY (id, version)
);

CREATE TABLE devices (
  id text PRIMARY KEY,
  division text NOT NULL,
  site_code text NOT NULL UNIQUE,
  site_name text NOT NULL,
  bundle text NOT NULL,
  alg text NOT NULL,
  public_jwk jsonb NOT NULL,
  label text,
  app_version text,
  enrolled_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  last_seen_at timestamptz,
  last_heartbeat jsonb
);

-- Only a hash of each code is stored: a leaked table does not enrol anyone.
CREATE TABLE enrollment_codes (
  code_hash text PRIMARY KEY,
  division text NOT NULL,
  site_name text NOT NULL,
  bundle text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  device_id text
);

CREATE TABLE files (
  id text PRIMARY KEY,
  sha256 text NOT NULL,
  application_id text NOT NULL,
  device_id text NOT NULL,
  division text NOT NULL,
  content_type text NOT NULL,
  size bigint,
  state text NOT NULL DEFAULT 'uploading',
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz
);
CREATE INDEX files_application ON files (application_id);

CREATE TABLE staff (
  id text PRIMARY KEY,
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  role text NOT NULL,
  failed_attempts integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE staff_sessions (
  token_hash text PRIMARY KEY,
  staff_id text NOT NULL REFERENCES staff(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);

CREATE TABLE staff_audit (
  id bigserial PRIMARY KEY,
  staff_id text,
  username text,
  action text NOT NULL,
  target text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  at timestamptz NOT NULL DEFAULT now()
);
`,
  },
];

const MIGRATION_LOCK = 7_270_000;

/** Applies missing migrations under an advisory lock, so nodes starting together do not race. */
export async function migrate(db: Database, migrations: Migration[] = MIGRATIONS): Promise<number[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const done = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
        (r) => r.version,
      ),
    );
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}
