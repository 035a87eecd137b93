import { useEffect, useState } from 'react';
import type { ProvisioningState } from '../../contract/provisioning';
import { contractErrorText } from '../admin/contractErrorText';
import { useKioskApi } from '../api/KioskApiContext';
import '../admin/admin.css';

type Step = 'url' | 'code' | 'pin' | 'done';

/**
 * First start (and re-enrollment after the county revoked the kiosk): county address, then the
 * enrollment code — typed, or scanned from the county console's QR with the barcode scanner
 * (a keyboard-wedge scanner types into the focused field) — then the admin PIN IT staff choose.
 * The host makes the key pair, enrols, and writes the production config.
 */
export function ProvisioningWizard({
  initialUrl = '',
  revoked = false,
  onDone,
  onDemo,
}: {
  initialUrl?: string;
  revoked?: boolean;
  onDone: (state: ProvisioningState) => void;
  /** Until enrolled the kiosk only offers the demo profile. */
  onDemo?: () => void;
}) {
  const api = useKioskApi();
  const [step, setStep] = useState<Step>('url');
  const [url, setUrl] = useState(initialUrl);
  const [code, setCode] = useState('');
  const [pin, setPin] = useState('');
  const [pinAgain, setPinAgain] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ProvisioningState | null>(null);

  const codeFromQr = (text: string) => {
    const fromQr = countyUrlFromQr(text);
    if (fromQr) setUrl(fromQr);
  };

  // The county QR scanned by a HID-POS or serial scanner arrives as a host event.
  useEffect(
    () =>
      api.subscribe('barcode.scan', (event) => {
        if (!event.data.startsWith('cunban-enroll:')) return;
        setCode(event.data);
        const fromQr = countyUrlFromQr(event.data);
        if (fromQr) setUrl(fromQr);
      }),
    [api],
  );

  const enroll = async () => {
    if (pin !== pinAgain) return setMessage('两次输入的管理员密码不一样，请重新输入。');
    setBusy(true);
    setMessage(null);
    try {
      const state = await api.request('provisioning.enroll', {
        countyUrl: url.trim(),
        code: code.trim(),
        adminPin: pin,
      });
      setResult(state);
      setStep('done');
    } catch (error) {
      setMessage(contractErrorText(error, '开通没有成功，请检查后重试。'));
      setStep('code');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="it-screen" data-testid="provisioning-wizard">
      <h1>{revoked ? '本机已被县里停用，请重新开通' : '本机尚未开通'}</h1>
      {step === 'url' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!/^https:\/\/|^http:\/\/(127\.0\.0\.1|localhost)/.test(url.trim()))
              return setMessage('县里的地址应以 https:// 开头。');
            setMessage(null);
            setStep('code');
          }}
        >
          <label>
            县级平台地址
            <input
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              placeholder="https://"
              inputMode="url"
              autoFocus
              data-testid="county-url"
            />
          </label>
          <div className="it-actions">
            {onDemo && !revoked && (
              <button type="button" onClick={onDemo}>
                先用演示模式
              </button>
            )}
            <button type="submit" className="primary">
              下一步
            </button>
          </div>
        </form>
      )}
      {step === 'code' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setMessage(null);
            setStep('pin');
          }}
        >
          <label>
            开通码（输入，或用扫码器扫县里给的二维码）
            <input
              value={code}
              onChange={(e) => {
                setCode(e.target.value);
                codeFromQr(e.target.value);
              }}
              placeholder="XXXX-XXXX-XXXX"
              autoCapitalize="characters"
              autoFocus
              data-testid="enrollment-code"
            />
          </label>
          <p className="it-hint">县里的地址：{url}</p>
          <div className="it-actions">
            <button type="button" onClick={() => setStep('url')}>
              上一步
            </button>
            <button type="submit" className="primary" disabled={code.trim().length < 12}>
              下一步
            </button>
          </div>
        </form>
      )}
      {step === 'pin' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void enroll();
          }}
        >
          <p>请设置本机的管理员密码（6–12 位数字）。进入管理界面和关闭本机都要用它。</p>
          <label>
            管理员密码
            <input
              type="password"
              inputMode="numeric"
              value={pin}
              onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
              data-testid="admin-pin"
            />
          </label>
          <label>
            再输入一次
            <input
              type="password"
              inputMode="numeric"
              value={pinAgain}
              onChange={(e) => setPinAgain(e.target.value.replace(/\D/g, ''))}
              data-testid="admin-pin-again"
            />
          </label>
          <div className="it-actions">
            <button type="button" onClick={() => setStep('code')} disabled={busy}>
              上一步
            </button>
            <button type="submit" className="primary" disabled={busy || pin.length < 6} data-testid="enroll">
              {busy ? '正在开通…' : '开通本机'}
            </button>
          </div>
        </form>
      )}
      {step === 'done' && result && (
        <section data-testid="provisioning-done">
          <h2>开通成功</h2>
          <p>站点：{result.site?.name}</p>
          <p>区划代码：{result.site?.divisionCode}</p>
          {result.restartRequired ? (
            <p className="it-warn" data-testid="restart-required">
              请重启本机（关机后再开机），重启后进入正式运行。
            </p>
          ) : null}
          <button type="button" className="primary" onClick={() => onDone(result)}>
            完成
          </button>
        </section>
      )}
      {message && (
        <p className="it-error" role="alert" data-testid="provisioning-error">
          {message}
        </p>
      )}
    </main>
  );
}

/** The county QR carries its address too; the wizard takes it when a scan lands in the code field. */
function countyUrlFromQr(text: string): string | null {
  const match = /^cunban-enroll:(.*)$/.exec(text.trim());
  if (!match) return null;
  try {
    const payload = JSON.parse(match[1] ?? '') as { url?: unknown };
    return typeof payload.url === 'string' ? payload.url : null;
  } catch {
    return null;
  }
}
