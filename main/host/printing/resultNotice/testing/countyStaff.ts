/**
 * A county staff member through the gateway's staff API (cookie session), for tests that need
 * the county to decide an application: the same requests the county console makes.
 */
export interface CountyStaff {
  act(
    applicationId: string,
    action: 'accept' | 'complete' | 'requestCorrection' | 'refuse',
    note?: string,
  ): Promise<void>;
}

export async function signInStaff(
  countyUrl: string,
  username: string,
  password: string,
): Promise<CountyStaff> {
  const res = await fetch(`${countyUrl}/v1/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`staff login answered ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  await res.arrayBuffer();
  return {
    async act(applicationId, action, note = '') {
      const answer = await fetch(`${countyUrl}/v1/staff/applications/${applicationId}/actions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ action, note }),
      });
      const text = await answer.text();
      if (answer.status !== 200) throw new Error(`${action} answered ${answer.status}: ${text}`);
    },
  };
}
