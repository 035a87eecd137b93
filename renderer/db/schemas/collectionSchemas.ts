import type { RxJsonSchema } from 'rxdb';
import type { CollectionName } from '../../../sync/protocol/replication';
import { applicationMigrations, applicationSchema } from './applicationSchema';

/**
 * Every collection of the kiosk database. RxDB's free tier allows 13 open collections per realm;
 * the kiosk uses eight (the seven replicated ones plus `personal`). Only the fields that are
 * queried or indexed are declared in detail; the county's documents carry more, which RxDB
 * stores as given.
 */
type Schema = RxJsonSchema<Record<string, unknown>>;
type Migrations = Record<number, (doc: Record<string, unknown>) => Record<string, unknown> | null>;

function simple(title: string, extra: Record<string, unknown> = {}, required: string[] = ['id']): Schema {
  return {
    title,
    version: 0,
    primaryKey: 'id',
    type: 'object',
    properties: { id: { type: 'string', maxLength: 64 }, ...extra },
    required,
  } as unknown as Schema;
}

export const replicatedSchemas: Record<CollectionName, { schema: Schema; migrationStrategies?: Migrations }> =
  {
    applications: { schema: applicationSchema, migrationStrategies: applicationMigrations },
    ratings: { schema: simple('ratings', { level: { type: 'integer' }, createdAt: { type: 'string' } }) },
    services: { schema: simple('services', { name: { type: 'string' }, version: { type: 'integer' } }) },
    clerks: { schema: simple('clerks', { name: { type: 'string' }, active: { type: 'boolean' } }) },
    announcements: {
      schema: simple('announcements', { title: { type: 'string' }, publishedAt: { type: 'string' } }),
    },
    audit: { schema: simple('audit', { action: { type: 'string' }, at: { type: 'string' } }) },
    settings: { schema: simple('settings', { updatedAt: { type: 'string' } }) },
  };

/** Sealed personal part of each application; local only, never replicated, deleted by retention. */
export const personalSchema = simple(
  'personal',
  {
    iv: { type: 'string' },
    data: { type: 'string' },
    acknowledgedAt: { type: ['string', 'null'] },
  },
  ['id', 'iv', 'data'],
);
