import { type FormEvent, useState } from 'react';
import type { ApplicationFilters } from '../../api/types';
import { useConsole } from '../../consoleContext';
import { FILTERABLE_STATUSES, statusLabel } from '../../format/statusLabels';
import { TownSelect } from './TownSelect';

/**
 * Town, service and status apply at once; the search box (tracking number, full name or ID
 * number — the gateway matches exactly) applies on Enter.
 */
export function ApplicationFilterBar({
  value,
  onChange,
  onRefresh,
}: {
  value: ApplicationFilters;
  onChange: (f: ApplicationFilters) => void;
  onRefresh: () => void;
}) {
  const { services } = useConsole();
  const [q, setQ] = useState(value.q ?? '');
  const set = (patch: Partial<ApplicationFilters>) => onChange({ ...value, ...patch });
  const search = (event: FormEvent) => {
    event.preventDefault();
    set({ q: q.trim() || undefined });
  };

  return (
    <form className="filters" onSubmit={search} aria-label="筛选申请">
      <TownSelect value={value.town ?? ''} onChange={(town) => set({ town: town || undefined })} />
      <label>
        事项
        <select
          value={value.serviceId ?? ''}
          onChange={(e) => set({ serviceId: e.target.value || undefined })}
        >
          <option value="">全部事项</option>
          {services.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name.zh}
            </option>
          ))}
        </select>
      </label>
      <label>
        状态
        <select
          name="status"
          value={value.status ?? ''}
          onChange={(e) => set({ status: e.target.value || undefined })}
        >
          <option value="">全部状态</option>
          {FILTERABLE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {statusLabel(s)}
            </option>
          ))}
        </select>
      </label>
      <label className="grow">
        查找
        <input
          name="q"
          type="search"
          placeholder="受理编号、姓名或身份证号（完整输入）"
          value={q}
          maxLength={50}
          onChange={(e) => setQ(e.target.value)}
        />
      </label>
      <button type="submit">查找</button>
      <button type="button" onClick={onRefresh}>
        刷新
      </button>
    </form>
  );
}
