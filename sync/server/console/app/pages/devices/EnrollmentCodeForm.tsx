import { type FormEvent, useState } from 'react';
import type { StaffApiError } from '../../api/staffApi';
import type { CreatedEnrollmentCode } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useConsole } from '../../consoleContext';
import { asApiError } from '../../useLoad';

/** A one-time code binds the next kiosk that redeems it to this village site. */
export function EnrollmentCodeForm({
  onCreated,
}: {
  onCreated: (c: CreatedEnrollmentCode, siteName: string) => void;
}) {
  const { api } = useConsole();
  const [division, setDivision] = useState('');
  const [siteName, setSiteName] = useState('');
  const [bundle, setBundle] = useState('default');
  const [days, setDays] = useState(7);
  const [error, setError] = useState<StaffApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const divisionOk = /^\d{12}$/.test(division);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const code = await api.createEnrollmentCode({
        division,
        siteName: siteName.trim(),
        bundle,
        ttlMinutes: days * 24 * 60,
      });
      onCreated(code, siteName.trim());
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card" onSubmit={submit} aria-labelledby="code-form-title">
      <h2 id="code-form-title">生成开通码</h2>
      <label>
        村（社区）区划代码（12位）
        <input
          name="division"
          inputMode="numeric"
          value={division}
          maxLength={12}
          onChange={(e) => setDivision(e.target.value.replace(/\D/g, ''))}
          aria-invalid={division !== '' && !divisionOk}
          required
        />
      </label>
      {division !== '' && !divisionOk && (
        <p className="hint">区划代码应为12位数字，现在是{division.length}位。</p>
      )}
      <label>
        站点名称
        <input
          name="siteName"
          value={siteName}
          maxLength={80}
          onChange={(e) => setSiteName(e.target.value)}
          required
        />
      </label>
      <div className="row">
        <label>
          事项包
          <input
            name="bundle"
            value={bundle}
            maxLength={40}
            onChange={(e) => setBundle(e.target.value)}
            required
          />
        </label>
        <label>
          有效天数
          <input
            name="days"
            type="number"
            min={1}
            max={30}
            value={days}
            onChange={(e) => setDays(Math.min(30, Math.max(1, Number(e.target.value) || 1)))}
          />
        </label>
      </div>
      <ErrorNotice error={error} />
      <button type="submit" className="primary" disabled={busy || !divisionOk || !siteName.trim()}>
        生成开通码
      </button>
    </form>
  );
}
