import { type FormEvent, useState } from 'react';
import type { StaffApi } from '../../api/staffApi';
import type { StaffSession } from '../../api/types';
import { asApiError } from '../../useLoad';

/**
 * Staff sign-in. The gateway's own words are shown ("用户名或密码不对。", "…请15分钟后再试。"), never
 * just a red border: colour is not the only cue.
 */
export function SignInPage({ api, onSignedIn }: { api: StaffApi; onSignedIn: (s: StaffSession) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api.login(username.trim(), password));
    } catch (e) {
      setError(asApiError(e).messageZh);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="signin">
      <form className="card signin-card" onSubmit={submit} aria-labelledby="signin-title">
        <h1 id="signin-title">村办 · 县级管理台</h1>
        <p className="muted">请使用县里分配的工作人员账号登录。</p>
        <label>
          用户名
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
            autoFocus
          />
        </label>
        <label>
          密码
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error && (
          <p className="notice notice-error" role="alert" data-testid="signin-error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || !username || !password}>
          {busy ? '正在登录…' : '登录'}
        </button>
      </form>
    </main>
  );
}
