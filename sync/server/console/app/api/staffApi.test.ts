import { describe, expect, it } from 'vitest';
import { applicationsQuery, StaffApi, StaffApiError } from './staffApi';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('staff API client', () => {
  it('builds list queries without empty filters', () => {
    expect(applicationsQuery({})).toBe('');
    expect(applicationsQuery({ town: '441625200', status: '', q: ' 蓝阿婆 ', limit: 50 })).toBe(
      `?town=441625200&q=${encodeURIComponent('蓝阿婆')}&limit=50`,
    );
  });

  it('surfaces the gateway message for a wrong password, which is not a lost session', async () => {
    const api = new StaffApi(async () =>
      json(401, { error: 'bad_credentials', message: 'wrong', messageZh: '用户名或密码不对。' }),
    );
    const error = (await api.login('admin', 'x').catch((e: unknown) => e)) as StaffApiError;
    expect(error).toBeInstanceOf(StaffApiError);
    expect(error.messageZh).toBe('用户名或密码不对。');
    expect(error.signedOut).toBe(false);
  });

  it('marks an expired session so the console returns to sign-in', async () => {
    const api = new StaffApi(async () =>
      json(401, { error: 'session_expired', messageZh: '登录已过期，请重新登录。' }),
    );
    const error = (await api.me().catch((e: unknown) => e)) as StaffApiError;
    expect(error.signedOut).toBe(true);
  });

  it('gives words when the gateway cannot be reached or answers without a body', async () => {
    const down = new StaffApi(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(down.me()).rejects.toMatchObject({
      status: 0,
      messageZh: '连不上县里的网关，请检查网络后重试。',
    });
    const proxy = new StaffApi(async () => new Response('<html>bad gateway</html>', { status: 502 }));
    await expect(proxy.devices()).rejects.toMatchObject({
      status: 502,
      messageZh: '网关出了点问题，请稍后再试。',
    });
  });

  it('posts actions as JSON to the application', async () => {
    const calls: Array<{ url: string; init?: RequestInit }> = [];
    const api = new StaffApi(async (url, init) => {
      calls.push({ url, ...(init ? { init } : {}) });
      return json(200, { id: 'a', status: 'accepted' });
    });
    await api.act('a/b', 'accept', '');
    expect(calls[0]?.url).toBe('/v1/staff/applications/a%2Fb/actions');
    expect(calls[0]?.init?.method).toBe('POST');
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({ action: 'accept', note: '' });
  });
});
