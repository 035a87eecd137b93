import { useState } from 'react';
import type { ServiceDocument } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useConsole } from '../../consoleContext';
import { useLoad } from '../../useLoad';
import { ServiceEditor } from './ServiceEditor';
import { ServiceTable } from './ServiceTable';

/** The catalogue kiosks pull: publishing makes a new version that every kiosk in the region gets. */
export function CatalogPage({ onPublished }: { onPublished: () => void }) {
  const { api, session } = useConsole();
  const list = useLoad(() => api.services(), 'services');
  const [editing, setEditing] = useState<ServiceDocument | 'new' | null>(null);
  const [published, setPublished] = useState<string | null>(null);
  const isAdmin = session.role === 'admin';

  return (
    <section aria-labelledby="catalog-title">
      <h1 id="catalog-title">事项目录</h1>
      {!isAdmin && <p className="notice">只有管理员可以发布事项。</p>}
      <ErrorNotice error={list.error} onRetry={list.reload} />
      {published && (
        <p className="notice" role="status">
          {published}
        </p>
      )}
      {editing ? (
        <ServiceEditor
          service={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onPublished={(out) => {
            setPublished(`已发布 ${out.id} 第${out.version}版，各村一体机下次同步时更新。`);
            setEditing(null);
            list.reload();
            onPublished();
          }}
        />
      ) : (
        <>
          {isAdmin && (
            <button
              type="button"
              onClick={() => {
                setPublished(null);
                setEditing('new');
              }}
            >
              新建事项
            </button>
          )}
          <ServiceTable services={list.data?.items ?? []} canEdit={isAdmin} onEdit={setEditing} />
        </>
      )}
    </section>
  );
}
