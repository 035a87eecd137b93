import { useState } from 'react';

/**
 * A digit pad for PINs: big keys, the digits shown as dots only, no keyboard needed. The caller
 * gets the PIN on 确定 and shows the host's answer (wrong PIN, locked) in `message`.
 */
export function PinPad({
  title,
  message,
  busy,
  minLength = 4,
  maxLength = 12,
  onSubmit,
  onCancel,
}: {
  title: string;
  message?: string | null;
  busy?: boolean;
  minLength?: number;
  maxLength?: number;
  onSubmit: (pin: string) => void;
  onCancel?: () => void;
}) {
  const [pin, setPin] = useState('');
  const press = (digit: string) => setPin((p) => (p.length < maxLength ? p + digit : p));
  return (
    <div className="pin-pad" role="dialog" aria-label={title} data-testid="pin-pad">
      <h2>{title}</h2>
      <output className="pin-dots" aria-label="已输入位数" data-testid="pin-dots">
        {'●'.repeat(pin.length) || '\u00a0'}
      </output>
      {message && (
        <p className="pin-message" role="alert">
          {message}
        </p>
      )}
      <div className="pin-keys">
        {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
          <button key={d} type="button" onClick={() => press(d)} disabled={busy}>
            {d}
          </button>
        ))}
        <button
          type="button"
          onClick={() => setPin((p) => p.slice(0, -1))}
          disabled={busy}
          aria-label="删除一位"
        >
          ⌫
        </button>
        <button type="button" onClick={() => press('0')} disabled={busy}>
          0
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy || pin.length < minLength}
          onClick={() => {
            onSubmit(pin);
            setPin('');
          }}
        >
          确定
        </button>
      </div>
      {onCancel && (
        <button type="button" className="pin-cancel" onClick={onCancel} disabled={busy}>
          取消
        </button>
      )}
    </div>
  );
}
