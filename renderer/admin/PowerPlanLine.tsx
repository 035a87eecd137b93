import { useEffect, useState } from 'react';
import type { PowerPlan } from '../../contract/diagnostics';
import { useKioskApi } from '../api/KioskApiContext';

const ACTION_WORDS = { poweroff: '关机', reboot: '重启' } as const;

/** "12月1日 22:00" in Beijing time, whatever zone the kiosk's OS is set to. */
function beijingTime(iso: string): string {
  const parts = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('month')}月${get('day')}日 ${get('hour')}:${get('minute')}`;
}

/** The next planned power action from the county's schedule, for the 本机 tab. */
export function PowerPlanLine() {
  const api = useKioskApi();
  const [plan, setPlan] = useState<PowerPlan | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const load = () =>
      api
        .request('diagnostics.powerPlan', {})
        .then(setPlan)
        .catch(() => setFailed(true));
    void load();
    // A schedule changed in the county console arrives with the settings.
    return api.subscribe('settings.changed', () => void load());
  }, [api]);
  if (failed) return <p data-testid="power-plan">定时关机/重启：读取失败</p>;
  if (!plan) return null;
  if (!plan.next) return <p data-testid="power-plan">定时关机/重启：县里没有设定</p>;
  return (
    <p data-testid="power-plan">
      下次定时{ACTION_WORDS[plan.next.action]}：{beijingTime(plan.next.at)}
      {plan.next.deferred ? '（有人正在使用，用完后执行）' : '（有人使用时会等用完再执行）'}
    </p>
  );
}
