import type { KioskApi } from '../../contract/kioskApi';
import type { CollectionName, PullResponse } from '../../sync/protocol/replication';

/**
 * How the renderer's replication reaches the county. In the kiosk it is the host (contract
 * requests signed there with the device key); Node tests may plug a direct transport.
 */
export type Doc = Record<string, unknown>;
export type PushWireRow = { assumedMasterState: null; newDocumentState: Doc };

export interface CountyTransport {
  probe(): Promise<boolean>;
  pull(collection: CollectionName, seq: number, limit: number): Promise<PullResponse<Doc>>;
  push(collection: 'applications' | 'ratings' | 'audit', rows: PushWireRow[]): Promise<Doc[]>;
  /** County-side changes ('*' = everything, after a reconnect). Returns the unsubscribe. */
  onChange(listener: (collection: CollectionName | '*') => void): () => void;
}

export function hostCountyTransport(api: KioskApi): CountyTransport {
  return {
    probe: async () => (await api.request('queue.probe', {})).online,
    pull: (collection, seq, limit) =>
      api.request('queue.pull', { collection, seq, limit }) as Promise<PullResponse<Doc>>,
    push: async (collection, rows) =>
      (await api.request('queue.push', { collection, rows: rows as never })).conflicts,
    onChange: (listener) => api.subscribe('queue.countyChanged', ({ collection }) => listener(collection)),
  };
}
