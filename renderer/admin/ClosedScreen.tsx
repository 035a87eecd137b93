import type { RemoteSettings } from '../../contract/provisioning';

const WEEKDAYS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** Outside opening hours: what the villager sees instead of the service screens. */
export function ClosedScreen({ settings }: { settings: RemoteSettings }) {
  return (
    <main className="closed-screen" data-testid="closed-screen">
      <h1>现在不是办理时间</h1>
      <p>办理时间：</p>
      <ul>
        {settings.openingHours.map((p) => (
          <li key={`${p.days.join()}-${p.open}`}>
            {p.days.map((d) => WEEKDAYS[d]).join('、')} {p.open}–{p.close}
          </li>
        ))}
      </ul>
      <p>急事请到镇上的政务服务中心，或拨打公示的联系电话。</p>
    </main>
  );
}
