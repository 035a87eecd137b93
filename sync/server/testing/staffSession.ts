import { createStaff } from '../staffAuth';
import type { Harness } from './gatewayHarness';

/** A staff API call as the console makes it: JSON body, the session cookie when there is one. */
export function staffFetch(
  baseUrl: string,
  path: string,
  init: RequestInit = {},
  cookie = '',
): Promise<Response> {
  const headers = new Headers(init.headers);
  if (cookie) headers.set('cookie', cookie);
  if (init.body) headers.set('content-type', 'application/json');
  return fetch(`${baseUrl}${path}`, { ...init, headers });
}

/** Creates a staff account and signs it in; answers the session cookie. */
export async function signInStaff(h: Harness, account: Parameters<typeof createStaff>[1]): Promise<string> {
  await createStaff(h.db, account);
  const res = await staffFetch(h.url, '/v1/staff/login', {
    method: 'POST',
    body: JSON.stringify({ username: account.username, password: account.password }),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!res.ok || !cookie) throw new Error(`staff sign-in failed: ${res.status}`);
  return cookie;
}
