import { useState } from 'react';
import type { ApplicationFilters } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useConsole } from '../../consoleContext';
import { useLoad } from '../../useLoad';
import { ApplicationFilterBar } from './ApplicationFilterBar';
import { ApplicationTable } from './ApplicationTable';

const PAGE_SIZE = 50;

export function ApplicationsPage() {
  const { api } = useConsole();
  const [filters, setFilters] = useState<ApplicationFilters>({ status: 'received' });
  const [offset, setOffset] = useState(0);
  const list = useLoad(
    () => api.applications({ ...filters, limit: PAGE_SIZE, offset }),
    JSON.stringify({ filters, offset }),
  );
  const items = list.data?.items ?? [];

  return (
    <section aria-labelledby="applications-title">
      <h1 id="applications-title">申请办理</h1>
      <ApplicationFilterBar
        value={filters}
        onChange={(next) => {
          setFilters(next);
          setOffset(0);
        }}
        onRefresh={list.reload}
      />
      <ErrorNotice error={list.error} onRetry={list.reload} />
      <ApplicationTable items={items} loading={list.loading} />
      <div className="pager">
        <button
          type="button"
          disabled={offset === 0}
          onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
        >
          上一页
        </button>
        <span className="muted">
          第 {offset / PAGE_SIZE + 1} 页，本页 {items.length} 条
        </span>
        <button
          type="button"
          disabled={items.length < PAGE_SIZE}
          onClick={() => setOffset(offset + PAGE_SIZE)}
        >
          下一页
        </button>
      </div>
    </section>
  );
}
