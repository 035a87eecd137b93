import type { HealthReport } from '../../../contract/health';
import type { DeviceReport } from '../../../contract/provisioning';

/** Host services that stand for a peripheral, with the name IT staff know it by. */
const PERIPHERALS: Record<string, string> = {
  idcard: '身份证阅读器',
  printer: '凭条打印机',
  a4printer: 'A4 打印机',
  scanner: '高拍仪/扫描仪',
  barcode: '扫码器',
  capture: '高拍仪',
};

/**
 * Each peripheral's state in words, from the host's service list. A peripheral without a running
 * service is `absent`; a simulated one says so, so nobody mistakes the demo for working hardware.
 */
export function deviceReports(health: HealthReport): DeviceReport[] {
  return Object.entries(PERIPHERALS).map(([name, label]) => {
    const service = health.services.find((s) => s.name === name);
    const simulated = health.simulatedDevices.includes(name);
    if (!service || service.state === 'stopped')
      return { name, state: 'absent', detailZh: `${label}：未连接或未配置` };
    if (service.state === 'degraded')
      return {
        name,
        state: 'fault',
        detail: service.message,
        detailZh: `${label}：故障 — ${service.messageZh ?? '请检查连线和电源'}`,
      };
    if (service.state === 'starting') return { name, state: 'degraded', detailZh: `${label}：正在启动` };
    return {
      name,
      state: 'ok',
      detailZh: simulated ? `${label}：正常（模拟设备，演示用）` : `${label}：正常`,
    };
  });
}
