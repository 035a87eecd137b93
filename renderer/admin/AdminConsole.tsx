import { useEffect, useState } from 'react';
import type { DeviceReport, ProvisioningState } from '../../contract/provisioning';
import { useKioskApi } from '../api/KioskApiContext';
import { ProvisioningWizard } from '../provisioning/ProvisioningWizard';
import { contractErrorText } from './contractErrorText';
import { DetectedDevices } from './DetectedDevices';
import { DeviceTests } from './DeviceTests';
import { LogsPanel } from './LogsPanel';
import { PinPad } from './PinPad';
import { PowerPlanLine } from './PowerPlanLine';
import './admin.css';

type Tab = 'devices' | 'logs' | 'kiosk' | 'exit';

/**
 * The IT console, shown only after the host opened an admin session. The host closes the session
 * after idle minutes (`admin.locked`), and this console closes with it.
 */
export function AdminConsole({ onClose }: { onClose: () => void }) {
  const api = useKioskApi();
  const [tab, setTab] = useState<Tab>('devices');
  useEffect(() => api.subscribe('admin.locked', () => onClose()), [api, onClose]);
  const close = async () => {
    await api.request('admin.lock', {}).catch(() => {});
    onClose();
  };
  return (
    <main className="it-screen admin-console" data-testid="admin-console">
      <nav className="it-tabs">
        {(
          [
            ['devices', '设备'],
            ['logs', '日志'],
            ['kiosk', '本机'],
            ['exit', '关闭程序'],
          ] as const
        ).map(([id, label]) => (
          <button key={id} type="button" className={tab === id ? 'primary' : ''} onClick={() => setTab(id)}>
            {label}
          </button>
        ))}
        <button type="button" onClick={close} data-testid="admin-close">
          返回
        </button>
      </nav>
      {tab === 'devices' && <DevicesPanel />}
      {tab === 'logs' && <LogsPanel />}
      {tab === 'kiosk' && <KioskPanel />}
      {tab === 'exit' && <ExitPanel />}
    </main>
  );
}

function DevicesPanel() {
  const api = useKioskApi();
  const [devices, setDevices] = useState<DeviceReport[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    api
      .request('diagnostics.devices', {})
      .then((r) => setDevices(r.devices))
      .catch((e) => setMessage(contractErrorText(e, '读取设备状态失败')));
  }, [api]);
  return (
    <section data-testid="devices-panel">
      <h2>设备状态</h2>
      <ul className="it-list">
        {devices.map((d) => (
          <li key={d.name} className={`device-${d.state}`}>
            {d.detailZh}
          </li>
        ))}
      </ul>
      {message && <p className="it-hint">{message}</p>}
      <h2>检测和更换设备</h2>
      <DetectedDevices />
      <DeviceTests />
    </section>
  );
}

function KioskPanel() {
  const api = useKioskApi();
  const [state, setState] = useState<ProvisioningState | null>(null);
  useEffect(() => {
    void api.request('provisioning.status', {}).then(setState);
    return api.subscribe('provisioning.changed', setState);
  }, [api]);
  if (!state) return null;
  if (state.state !== 'enrolled')
    return (
      <ProvisioningWizard
        initialUrl={state.countyUrl ?? ''}
        revoked={state.state === 'revoked'}
        onDone={setState}
      />
    );
  return (
    <section data-testid="kiosk-panel">
      <h2>本机信息</h2>
      <p>站点：{state.site?.name}</p>
      <p>区划代码：{state.site?.divisionCode}</p>
      <p>终端编号：{state.site?.siteCode}</p>
      <p>县级平台：{state.countyUrl}</p>
      <PowerPlanLine />
      {state.restartRequired && <p className="it-warn">配置已更新，请重启本机。</p>}
    </section>
  );
}

function ExitPanel() {
  const api = useKioskApi();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <PinPad
      title="关闭自助终端程序：请再次输入管理员密码"
      message={message}
      onSubmit={async (pin) => {
        try {
          await api.request('admin.exit', { pin });
          setMessage('程序正在关闭…');
        } catch (e) {
          setMessage(contractErrorText(e, '密码不对'));
        }
      }}
    />
  );
}
