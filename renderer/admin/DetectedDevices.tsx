import { useState } from 'react';
import type { DetectedDevice, DeviceRole } from '../../contract/diagnostics';
import { useKioskApi } from '../api/KioskApiContext';
import { contractErrorText } from './contractErrorText';

const ROLE_LABELS: Record<DeviceRole, string> = {
  idCardReader: '身份证阅读器',
  receiptPrinter: '凭条打印机',
  barcodeScanner: '扫码器',
  documentScanner: '扫描仪',
};

/** What each kind of port can be used as, when the probe could not tell (a silent serial port). */
const CHOICES_FOR_SILENT_SERIAL: DeviceRole[] = ['barcodeScanner'];

/**
 * 检测设备 → the list in words → 测试 → 使用这个设备. Detection asks every port with its own
 * protocol (the host leaves ports in use alone); "use" writes the device into kiosk.json, which
 * the device services read at start, so the answer says when a restart is needed.
 */
export function DetectedDevices() {
  const api = useKioskApi();
  const [devices, setDevices] = useState<DetectedDevice[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [results, setResults] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);

  const say = (id: string, text: string) => setResults((r) => ({ ...r, [id]: text }));

  const detect = async () => {
    setBusy('detect');
    setMessage('正在检测串口、USB 设备和扫描仪，请稍等…');
    setResults({});
    try {
      setDevices((await api.request('diagnostics.detect', {})).devices);
      setMessage(null);
    } catch (e) {
      setMessage(contractErrorText(e, '检测失败'));
    } finally {
      setBusy(null);
    }
  };

  const testScan = async (d: DetectedDevice) => {
    setBusy(d.id);
    say(d.id, '正在扫描一页，请在扫描仪上放一张纸…');
    try {
      say(d.id, (await api.request('diagnostics.testScan', { deviceId: d.id })).resultZh);
    } catch (e) {
      say(d.id, contractErrorText(e, '扫描测试没有完成'));
    } finally {
      setBusy(null);
    }
  };

  const assign = async (d: DetectedDevice, role: DeviceRole) => {
    setBusy(d.id);
    try {
      say(d.id, (await api.request('diagnostics.assign', { role, deviceId: d.id })).resultZh);
    } catch (e) {
      say(d.id, contractErrorText(e, '没有写入配置'));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section data-testid="detected-devices">
      <button type="button" className="primary" onClick={detect} disabled={busy !== null}>
        检测设备
      </button>
      {message && <p className="it-hint">{message}</p>}
      {devices && devices.length === 0 && <p>没有发现串口、USB 阅读器、打印机或扫描仪。</p>}
      {devices && devices.length > 0 && (
        <ul className="it-list">
          {devices.map((d) => {
            const roles: DeviceRole[] = d.role
              ? [d.role]
              : d.kind === 'serial' && !d.inUse && /无应答/.test(d.resultZh)
                ? CHOICES_FOR_SILENT_SERIAL
                : [];
            return (
              <li key={d.id} data-testid="detected-device" className={d.inUse ? 'device-absent' : ''}>
                <div>
                  <strong>{d.path}</strong>：{d.resultZh}
                </div>
                <div className="it-actions">
                  {d.kind === 'sane' && (
                    <button type="button" disabled={busy !== null} onClick={() => testScan(d)}>
                      测试：扫描一页
                    </button>
                  )}
                  {roles.map((role) => (
                    <button key={role} type="button" disabled={busy !== null} onClick={() => assign(d, role)}>
                      使用这个设备作为{ROLE_LABELS[role]}
                    </button>
                  ))}
                </div>
                {results[d.id] && (
                  <p role="status" data-testid="detected-device-result">
                    {results[d.id]}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
