import { useState } from 'react';
import type { ApplicationDocument } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { StatusBadge } from '../../components/StatusBadge';
import { serviceName, useConsole } from '../../consoleContext';
import { formatDateTime } from '../../format/formatters';
import { hrefFor } from '../../hashRoute';
import { useLoad } from '../../useLoad';
import { ActionPanel } from './ActionPanel';
import { ApplicantCard } from './ApplicantCard';
import { FormValuesTable } from './FormValuesTable';
import { HistoryList } from './HistoryList';
import { ScannedPages } from './ScannedPages';
import { SupplementLinks } from './SupplementLinks';

/** One application in full. Opening it is written to the audit log by the gateway. */
export function ApplicationDetailPage({ id }: { id: string }) {
  const { api, services } = useConsole();
  const detail = useLoad(() => api.application(id), id);
  // The action's answer is the new document: showing it avoids a second (audited) "view".
  const [acted, setActed] = useState<ApplicationDocument | null>(null);
  const app = acted?.id === id ? acted : detail.data?.application;
  const service = app ? services.find((s) => s.id === app.serviceId) : undefined;

  return (
    <section aria-labelledby="detail-title">
      <p>
        <a href={hrefFor({ page: 'applications' })}>← 返回申请列表</a>
      </p>
      <ErrorNotice error={detail.error} onRetry={detail.reload} />
      {app && (
        <>
          <h1 id="detail-title">
            <span className="mono">{app.trackingNumber}</span> <StatusBadge status={app.status} />
          </h1>
          <p className="muted">
            {serviceName(services, app.serviceId)}（第 {app.serviceVersion} 版）· 站点 {app.siteCode} · 提交于{' '}
            {formatDateTime(app.submittedAt)}
            {app.assistedBy ? ` · 代办：工作人员 ${app.assistedBy.name}（${app.assistedBy.clerkId}）` : ''}
          </p>
          {app.assistedBy?.identifiedBy === 'manual' && (
            <p className="notice" data-testid="manual-entry">
              申请人未读身份证，由工作人员录入；委托人：{app.assistedBy.relation ?? '未注明'}，委托书见材料。
            </p>
          )}
          {app.staffNote && <p className="notice">当前说明：{app.staffNote}</p>}
          {app.rejectionReason && <p className="notice notice-error">系统退回原因：{app.rejectionReason}</p>}
          <div className="detail-grid">
            <div>
              <ApplicantCard applicant={app.applicant} agent={app.agent} />
              <FormValuesTable values={app.formValues} fields={service?.form.fields ?? []} />
              <ScannedPages
                materials={app.materials}
                files={detail.data?.files ?? []}
                names={service?.materials ?? []}
                filesComplete={app.filesComplete}
              />
            </div>
            <div>
              <SupplementLinks
                supplements={detail.data?.supplements ?? []}
                supplementOf={detail.data?.supplementOf ?? null}
              />
              <ActionPanel application={app} onDone={setActed} />
              <HistoryList history={app.history} />
            </div>
          </div>
        </>
      )}
    </section>
  );
}
