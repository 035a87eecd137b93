import type { StaffAction } from '../format/statusLabels';
import type {
  ApplicationDetail,
  ApplicationDocument,
  ApplicationFilters,
  ApplicationSummary,
  AuditRow,
  CreatedEnrollmentCode,
  DeviceRow,
  DeviceSettings,
  DeviceSettingsPatch,
  EnrollmentCodeRow,
  RatingStats,
  ServiceDocument,
  StaffSession,
} from './types';

/** A failed staff API call, carrying the gateway's Chinese message for the screen. */
export class StaffApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageZh: string,
  ) {
    super(messageZh);
    this.name = 'StaffApiError';
  }

  /** The session is gone: the console goes back to the sign-in page. */
  get signedOut(): boolean {
    return this.status === 401 && this.code !== 'bad_credentials';
  }
}

/** Words for errors that come without a gateway body (network down, proxy pages). */
export function fallbackMessage(status: number): string {
  if (status === 0) return '连不上县里的网关，请检查网络后重试。';
  if (status === 401) return '请先登录。';
  if (status === 403) return '没有权限办理这项操作。';
  if (status === 404) return '没有找到。';
  if (status === 423) return '账号已被锁定，请稍后再试。';
  if (status === 429) return '操作太频繁，请稍后再试。';
  if (status >= 500) return '网关出了点问题，请稍后再试。';
  return `请求没有成功（${status}）。`;
}

export async function errorFromResponse(res: Response): Promise<StaffApiError> {
  const body = (await res.json().catch(() => null)) as { error?: string; messageZh?: string } | null;
  return new StaffApiError(
    res.status,
    body?.error ?? 'http_error',
    body?.messageZh || fallbackMessage(res.status),
  );
}

export function applicationsQuery(filters: ApplicationFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === null) continue;
    const text = String(value).trim();
    if (text !== '') params.set(key, text);
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** The staff API over fetch; the session is an HttpOnly cookie the browser sends by itself. */
export class StaffApi {
  constructor(private readonly fetchImpl: FetchLike = (input, init) => fetch(input, init)) {}

  private async call<T>(path: string, init: RequestInit = {}): Promise<T> {
    let res: Response;
    try {
      res = await this.fetchImpl(path, { credentials: 'same-origin', ...init });
    } catch {
      throw new StaffApiError(0, 'network', fallbackMessage(0));
    }
    if (!res.ok) throw await errorFromResponse(res);
    return (await res.json()) as T;
  }

  private post<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  login(username: string, password: string) {
    return this.post<StaffSession>('/v1/staff/login', { username, password });
  }
  logout() {
    return this.post<{ ok: true }>('/v1/staff/logout', {});
  }
  me() {
    return this.call<StaffSession>('/v1/staff/me');
  }
  applications(filters: ApplicationFilters) {
    return this.call<{ items: ApplicationSummary[] }>(`/v1/staff/applications${applicationsQuery(filters)}`);
  }
  application(id: string) {
    return this.call<ApplicationDetail>(`/v1/staff/applications/${encodeURIComponent(id)}`);
  }
  act(id: string, action: StaffAction, note: string) {
    return this.post<ApplicationDocument>(`/v1/staff/applications/${encodeURIComponent(id)}/actions`, {
      action,
      note,
    });
  }
  devices() {
    return this.call<{ items: DeviceRow[] }>('/v1/staff/devices');
  }
  revokeDevice(id: string) {
    return this.post<{ ok: true }>(`/v1/staff/devices/${encodeURIComponent(id)}/revoke`, {});
  }
  deviceSettings(id: string) {
    return this.call<DeviceSettings>(`/v1/staff/devices/${encodeURIComponent(id)}/settings`);
  }
  updateDeviceSettings(id: string, patch: DeviceSettingsPatch) {
    return this.call<DeviceSettings>(`/v1/staff/devices/${encodeURIComponent(id)}/settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(patch),
    });
  }
  enrollmentCodes() {
    return this.call<{ items: EnrollmentCodeRow[] }>('/v1/staff/enrollment-codes');
  }
  createEnrollmentCode(input: { division: string; siteName: string; bundle?: string; ttlMinutes?: number }) {
    return this.post<CreatedEnrollmentCode>('/v1/staff/enrollment-codes', input);
  }
  services() {
    return this.call<{ items: ServiceDocument[] }>('/v1/staff/services');
  }
  publishService(service: unknown) {
    return this.post<{ id: string; version: number }>('/v1/staff/services', service);
  }
  ratingStats() {
    return this.call<RatingStats>('/v1/staff/ratings/stats');
  }
  audit(limit = 200) {
    return this.call<{ items: AuditRow[] }>(`/v1/staff/audit?limit=${limit}`);
  }
}
