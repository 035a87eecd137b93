import { useConsole } from '../../consoleContext';
import { townOf } from '../../format/formatters';
import { useLoad } from '../../useLoad';

/**
 * Towns are read from the enrolled devices (a town with no kiosk has no applications). The
 * gateway has no town-name table yet, so a town shows its code and the sites in it.
 */
export function TownSelect({ value, onChange }: { value: string; onChange: (town: string) => void }) {
  const { api } = useConsole();
  const devices = useLoad(() => api.devices(), 'devices');
  const towns = new Map<string, Set<string>>();
  for (const d of devices.data?.items ?? []) {
    const town = townOf(d.division);
    if (!towns.has(town)) towns.set(town, new Set());
    towns.get(town)!.add(d.siteName);
  }
  return (
    <label>
      乡镇
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">全部乡镇</option>
        {[...towns.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([town, sites]) => (
            <option key={town} value={town}>
              {town}（{[...sites].slice(0, 2).join('、')}
              {sites.size > 2 ? '等' : ''}）
            </option>
          ))}
      </select>
    </label>
  );
}
