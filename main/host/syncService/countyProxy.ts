import { ContractError } from '../../../contract/define';
import { type GatewayClient, GatewayRequestError } from '../../../sync/client/gatewayClient';
import { readSse } from '../../../sync/client/sseReader';
import type {
  CollectionName,
  KioskStreamEvent,
  PullResponse,
  PushRow,
} from '../../../sync/protocol/replication';
import type { Logger } from '../logging/logger';
import { backoffDelay } from './retryBackoff';

/**
 * The renderer's RxDB replication reaches the county through this proxy: pull, push and a relay
 * of the county's live stream as contract events. The device key signs every call here, so
 * neither the key nor a token is ever in the renderer (a compromised page cannot act as the
 * kiosk towards the county), and the county needs no CORS rules for kiosk origins.
 */
export class CountyProxy {
  private readonly abort = new AbortController();
  private streamLoop: Promise<void> | undefined;

  constructor(
    private readonly client: GatewayClient,
    private readonly log: Logger,
    private readonly onChange: (collection: CollectionName | '*') => void,
  ) {}

  async probe(): Promise<boolean> {
    try {
      const res = await fetch(new URL('/healthz', this.client.baseUrl), {
        signal: AbortSignal.timeout(8000),
      });
      await res.arrayBuffer();
      return res.ok;
    } catch {
      return false;
    }
  }

  async pull(collection: CollectionName, seq: number, limit: number): Promise<PullResponse> {
    return this.translate(() => this.client.pull(collection, { seq }, limit));
  }

  async push(collection: CollectionName, rows: PushRow[]): Promise<Record<string, unknown>[]> {
    return this.translate(() => this.client.push(collection, rows));
  }

  /** Errors cross the contract as `failed` with the county's Chinese words, never a stack. */
  private async translate<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      if (err instanceof GatewayRequestError)
        throw new ContractError('failed', `${err.code}: ${err.messageZh}`);
      throw new ContractError('unavailable', `county unreachable: ${(err as Error).message}`);
    }
  }

  startStream(): void {
    this.streamLoop ??= this.runStream();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.streamLoop;
  }

  /** After every (re)connect: '*' — changes made while away are found by pulling, not replayed. */
  private async runStream(): Promise<void> {
    let failures = 0;
    const signal = this.abort.signal;
    while (!signal.aborted) {
      try {
        const res = await this.client.request('/v1/sync/stream', {
          signal,
          headers: { accept: 'text/event-stream' },
        });
        if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
        failures = 0;
        this.onChange('*');
        for await (const data of readSse(res.body)) {
          try {
            this.onChange((JSON.parse(data) as KioskStreamEvent).collection);
          } catch {
            this.onChange('*');
          }
        }
      } catch (err) {
        if (signal.aborted) return;
        this.log.debug('county stream interrupted', { error: (err as Error).message });
      }
      failures++;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, backoffDelay(failures, 500, 30_000));
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}
