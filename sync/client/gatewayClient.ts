import type { EnrollRequest, EnrollResponse, GatewayError } from '../protocol/enrollment';
import { enrollResponse } from '../protocol/enrollment';
import type { FileStatus } from '../protocol/files';
import type { Heartbeat } from '../protocol/heartbeat';
import type { CollectionName, PullResponse } from '../protocol/replication';
import type { DeviceSigner } from './deviceKey';

/** One push row as RxDB hands it to a push handler (documents are checked by the gateway). */
export interface PushRowInput {
  assumedMasterState?: Record<string, unknown> | null;
  newDocumentState: Record<string, unknown>;
}

/** A non-2xx answer from the gateway, with its stable code and Chinese words for the screen. */
export class GatewayRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly messageZh: string,
  ) {
    super(message);
    this.name = 'GatewayRequestError';
  }
}

async function failure(res: Response): Promise<GatewayRequestError> {
  let body: Partial<GatewayError> = {};
  try {
    body = (await res.json()) as GatewayError;
  } catch {}
  return new GatewayRequestError(
    res.status,
    body.error ?? `http_${res.status}`,
    body.message ?? res.statusText,
    body.messageZh ?? '暂时连不上县里的系统，稍后会自动重试。',
  );
}

/** Redeems an enrollment code. The kiosk keeps `deviceId`, `site` and its key in its config. */
export async function enrollDevice(baseUrl: string, request: EnrollRequest): Promise<EnrollResponse> {
  const res = await fetch(new URL('/v1/enroll', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  if (!res.ok) throw await failure(res);
  return enrollResponse.parse(await res.json());
}

/**
 * Typed, device-signed calls to the county gateway. Used by the host (Node) and by RxDB pull/push
 * handlers. One retry on `token_expired`/`bad_claims` after re-learning the server clock.
 */
export class GatewayClient {
  constructor(
    readonly baseUrl: string,
    readonly signer: DeviceSigner,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async request(path: string, init: RequestInit = {}, retried = false): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${await this.signer.token()}`);
    const res = await this.fetchImpl(new URL(path, this.baseUrl), { ...init, headers });
    this.signer.observeServerDate(res.headers.get('date'));
    if (res.status === 401 && !retried) {
      const copy = res.clone();
      const code = ((await copy.json().catch(() => ({}))) as Partial<GatewayError>).error;
      if (code === 'token_expired' || code === 'bad_claims') return this.request(path, init, true);
    }
    return res;
  }

  private async json<T>(path: string, init?: RequestInit): Promise<T> {
    const res = await this.request(path, init);
    if (!res.ok) throw await failure(res);
    return (await res.json()) as T;
  }

  pull<Doc = Record<string, unknown>>(
    collection: CollectionName,
    checkpoint: { seq: number } | undefined,
    limit: number,
  ): Promise<PullResponse<Doc>> {
    const seq = checkpoint?.seq ?? 0;
    return this.json(`/v1/sync/${collection}/pull?seq=${seq}&limit=${limit}`);
  }

  /** Returns the conflicts (master documents), as RxDB's push handler expects. */
  push<Doc = Record<string, unknown>>(collection: CollectionName, rows: PushRowInput[]): Promise<Doc[]> {
    return this.json(`/v1/sync/${collection}/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(rows),
    });
  }

  async heartbeat(beat: Heartbeat): Promise<void> {
    await this.json('/v1/heartbeat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(beat),
    });
  }

  fileStatus(sha256: string, applicationId: string): Promise<FileStatus> {
    return this.json(`/v1/files/status?sha256=${sha256}&applicationId=${applicationId}`);
  }

  /** URL for the per-kiosk SSE stream with a fresh token (EventSource cannot set headers). */
  async streamUrl(collection?: CollectionName): Promise<string> {
    const path = collection ? `/v1/sync/${collection}/stream` : '/v1/sync/stream';
    const url = new URL(path, this.baseUrl);
    url.searchParams.set('access_token', await this.signer.token());
    return url.toString();
  }
}
