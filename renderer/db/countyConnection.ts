import { backoffDelay, sleep } from './retryBackoff';

/**
 * The renderer's link to the county: a fresh device token from the host for every request (the
 * device key stays in the host), an online test that does not trust `navigator.onLine` alone
 * (it only knows about the local interface, not whether the county answers), and the shared
 * backoff state of all replication handlers.
 */
export interface CountyToken {
  countyUrl: string;
  token: string;
}

export class CountyRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly messageZh: string,
  ) {
    super(message);
    this.name = 'CountyRequestError';
  }
}

export interface ConnectionState {
  online: boolean;
  failures: number;
  lastSuccessAt: string | null;
  error: { code: string; message: string; messageZh: string } | null;
}

export interface CountyConnectionOptions {
  token(): Promise<CountyToken | null>;
  fetch?: typeof fetch;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  onState?: (state: ConnectionState) => void;
}

const OFFLINE_ZH = '暂时连不上县里，申请已安全保存在本机，联网后会自动上报。';

export class CountyConnection {
  readonly state: ConnectionState = { online: false, failures: 0, lastSuccessAt: null, error: null };
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: CountyConnectionOptions) {
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** Cheap reachability test: /healthz needs no token and answers in a few bytes. */
  async probe(): Promise<boolean> {
    if (typeof navigator !== 'undefined' && navigator.onLine === false) return this.offline('no network interface is up');
    const auth = await this.options.token();
    if (!auth) return this.offline('not enrolled');
    try {
      const res = await this.fetchImpl(new URL('/healthz', auth.countyUrl), { signal: AbortSignal.timeout(8000) });
      await res.arrayBuffer();
      if (!res.ok) return this.offline(`healthz answered ${res.status}`);
      this.state.online = true;
      this.emit();
      return true;
    } catch (err) {
      return this.offline((err as Error).message);
    }
  }

  private offline(reason: string): false {
    this.state.online = false;
    this.state.error = { code: 'offline', message: `county unreachable: ${reason}`, messageZh: OFFLINE_ZH };
    this.emit();
    return false;
  }

  /** A device-signed request; throws CountyRequestError on any non-2xx. */
  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const auth = await this.options.token();
    if (!auth) throw new CountyRequestError(0, 'not_enrolled', 'kiosk is not enrolled', '本机尚未接入县里的系统。');
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${auth.token}`);
    const res = await this.fetchImpl(new URL(path, auth.countyUrl), { ...init, headers });
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { error?: string; message?: string; messageZh?: string };
      throw new CountyRequestError(
        res.status,
        body.error ?? `http_${res.status}`,
        body.message ?? res.statusText,
        body.messageZh ?? '县里的系统暂时出了问题，稍后会自动重试。',
      );
    }
    return res;
  }

  async json<T>(path: string, init?: RequestInit): Promise<T> {
    const res = await this.request(path, init);
    return (await res.json()) as T;
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
      if (err instanceof CountyRequestError) {
        this.state.error = { code: err.code, message: err.message, messageZh: err.messageZh };
        this.emit();
      } else {
        await this.probe();
      }
      await sleep(backoffDelay(this.state.failures, this.options.backoffBaseMs, this.options.backoffCapMs));
      throw err;
    }
  }

  private emit(): void {
    this.options.onState?.({ ...this.state });
  }
}
