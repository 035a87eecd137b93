import { useEffect, useState } from 'react';
import type { StaffApiError } from '../../api/staffApi';
import type { DeviceRow, DeviceSettings } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useConsole } from '../../consoleContext';
import { asApiError } from '../../useLoad';

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

type Schedule = DeviceSettings['powerSchedule'];

/** The schedule in one line, as the device table shows it. */
export function scheduleWords(s: Schedule): string {
  if (!s.powerOffAt && !s.rebootAt) return '未设定';
  const days =
    s.days.length === 7
      ? '每天'
      : `每周${[...s.days]
          .sort()
          .map((d) => WEEKDAYS[d - 1])
          .join('、')}`;
  const acts = [s.powerOffAt && `${s.powerOffAt} 关机`, s.rebootAt && `${s.rebootAt} 重启`].filter(Boolean);
  return `${days} ${acts.join('，')}`;
}

/**
 * Scheduled power-off and reboot of one kiosk. The kiosk gets it with its next heartbeat (within
 * a minute when online) and never acts while a villager is using it.
 */
export function PowerScheduleEditor({ device }: { device: DeviceRow }) {
  const { api } = useConsole();
  const [saved, setSaved] = useState<Schedule | null>(null);
  const [draft, setDraft] = useState<Schedule | null>(null);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<StaffApiError | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api
      .deviceSettings(device.id)
      .then((s) => setSaved(s.powerSchedule))
      .catch((e) => setError(asApiError(e)));
  }, [api, device.id]);

  if (!saved) return <ErrorNotice error={error} />;
  if (!editing || !draft)
    return (
      <div data-testid="power-schedule">
        <span>定时关机/重启：{scheduleWords(saved)}</span>{' '}
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setDraft(saved);
            setEditing(true);
          }}
        >
          修改
        </button>
      </div>
    );

  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const next = await api.updateDeviceSettings(device.id, { powerSchedule: draft });
      setSaved(next.powerSchedule);
      setEditing(false);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const time = (key: 'powerOffAt' | 'rebootAt', label: string) => (
    <label>
      {label}
      <input
        type="time"
        value={draft[key] ?? ''}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value || null })}
        data-testid={`power-${key}`}
      />
    </label>
  );
  return (
    <fieldset className="confirm" aria-label="定时关机/重启" data-testid="power-schedule-form">
      {time('powerOffAt', '关机时间')}
      {time('rebootAt', '重启时间')}
      <div>
        {WEEKDAYS.map((w, i) => (
          <label key={w}>
            <input
              type="checkbox"
              checked={draft.days.includes(i + 1)}
              onChange={(e) =>
                setDraft({
                  ...draft,
                  days: e.target.checked
                    ? [...draft.days, i + 1].sort()
                    : draft.days.filter((d) => d !== i + 1),
                })
              }
            />
            周{w}
          </label>
        ))}
      </div>
      <p className="muted">一体机下次联网时生效；有群众正在办事时会等办完再执行。</p>
      <button type="button" disabled={busy} onClick={save}>
        保存
      </button>
      <button type="button" disabled={busy} onClick={() => setEditing(false)}>
        取消
      </button>
      <ErrorNotice error={error} />
    </fieldset>
  );
}
