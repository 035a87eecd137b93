import { useState } from 'react';
import type { CreatedEnrollmentCode } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useConsole } from '../../consoleContext';
import { useLoad } from '../../useLoad';
import { DeviceTable } from './DeviceTable';
import { EnrollmentCodeCard } from './EnrollmentCodeCard';
import { EnrollmentCodeForm } from './EnrollmentCodeForm';
import { EnrollmentCodeList } from './EnrollmentCodeList';

export function DevicesPage() {
  const { api } = useConsole();
  const devices = useLoad(() => api.devices(), 'devices');
  const codes = useLoad(() => api.enrollmentCodes(), 'codes');
  const [created, setCreated] = useState<{ code: CreatedEnrollmentCode; siteName: string } | null>(null);

  return (
    <section aria-labelledby="devices-title">
      <h1 id="devices-title">设备管理</h1>
      <div className="detail-grid">
        <div>
          <h2>
            一体机{' '}
            <button type="button" className="link-button" onClick={devices.reload}>
              刷新
            </button>
          </h2>
          <ErrorNotice error={devices.error} onRetry={devices.reload} />
          <DeviceTable
            devices={devices.data?.items ?? []}
            loading={devices.loading}
            onRevoked={devices.reload}
          />
        </div>
        <div>
          <EnrollmentCodeForm
            onCreated={(code, siteName) => {
              setCreated({ code, siteName });
              codes.reload();
            }}
          />
          {created && (
            <EnrollmentCodeCard
              code={created.code}
              siteName={created.siteName}
              onClose={() => setCreated(null)}
            />
          )}
          <ErrorNotice error={codes.error} onRetry={codes.reload} />
          <EnrollmentCodeList codes={codes.data?.items ?? []} />
        </div>
      </div>
    </section>
  );
}
