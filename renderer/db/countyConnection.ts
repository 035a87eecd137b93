import type { CountyTransport } from './countyTransport';
import { backoffDelay } from './retryBackoff';

/**
 * The renderer's view of the county link: the transport, an online test that does not trust
 * `navigator.onLine` alone (it only knows the local interface is up, not that the county
 * answers), and the backoff shared by all replication handlers.
 */
export interface ConnectionState {
  online: boolean;
  failures: number;
  lastSuccessAt: string | null;
  error: { code: string; message: string; messageZh: string } | null;
}

export interface CountyConnectionOptions {
  backoffBaseMs?: number;
  backoffCapMs?: number;
  onState?: (state: ConnectionState) => void;
}

const OFFLINE_ZH = '暂时连不上县里，申请已安全保存在本机，联网后会自动上报。';

export class CountyConnection {
  readonly state: ConnectionState = { online: false, failures: 0, lastSuccessAt: null, error: null };
  private readonly sleepers = new Set<() => void>();

  constructor(
    readonly transport: CountyTransport,
    private readonly options: CountyConnectionOptions = {},
  ) {}

  async probe(): Promise<boolean> {
    if (typeof navigator !== 'undefined' && navigator.onLine === false)
      return this.offline('no network interface is up');
    const online = await this.transport.probe().catch(() => false);
    if (!online) return this.offline('the county did not answer /healthz');
    const wasOnline = this.state.online;
    this.state.online = true;
    if (!wasOnline) {
      // Back online: whoever is waiting out a long backoff retries now.
      this.state.failures = 0;
      for (const wake of [...this.sleepers]) wake();
    }
    this.emit();
    return true;
  }

  private offline(reason: string): false {
    this.state.online = false;
    this.state.error = { code: 'offline', message: `county unreachable: ${reason}`, messageZh: OFFLINE_ZH };
    this.emit();
    return false;
  }

  /**
   * Runs one handler call. On failure it waits the jittered backoff and rethrows, so RxDB's own
   * fixed retry (kept short) follows an exponential schedule overall.
   */
  async attempt<T>(work: () => Promise<T>): Promise<T> {
    try {
      const result = await work();
      this.state.failures = 0;
      this.state.online = true;
      this.state.error = null;
      this.state.lastSuccessAt = new Date().toISOString();
      this.emit();
      return result;
    } catch (err) {
      this.state.failures++;
      const failures = this.state.failures;
      if (!(await this.probe())) {
        // offline() already set the words
      } else {
        this.state.error = {
          code: 'sync-failed',
          message: (err as Error).message,
          messageZh: '上报县里时出错，稍后会自动重试。',
        };
        this.emit();
      }
      await this.backoff(failures);
      throw err;
    }
  }

  /** Waits the jittered backoff for `failures`, cut short when a probe finds the county again. */
  backoff(
    failures: number,
    baseMs = this.options.backoffBaseMs,
    capMs = this.options.backoffCapMs,
  ): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, backoffDelay(failures, baseMs, capMs));
      this.sleepers.add(done);
    });
  }

  private emit(): void {
    this.options.onState?.({ ...this.state });
  }
}
