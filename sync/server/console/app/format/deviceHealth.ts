import type { Heartbeat } from '../../../../protocol/heartbeat';

/** Kiosks send a heartbeat about every minute; three missed ones mean the link or the machine is down. */
export const OFFLINE_AFTER_MS = 3 * 60_000;

export type Connectivity = 'online' | 'offline' | 'never' | 'revoked';

export function connectivity(
  device: { lastSeenAt: string | null; revokedAt: string | null },
  now: number = Date.now(),
): Connectivity {
  if (device.revokedAt) return 'revoked';
  if (!device.lastSeenAt) return 'never';
  return now - new Date(device.lastSeenAt).getTime() > OFFLINE_AFTER_MS ? 'offline' : 'online';
}

export const CONNECTIVITY_LABELS: Record<Connectivity, string> = {
  online: '在线',
  offline: '离线',
  never: '未连接过',
  revoked: '已停用',
};

/** Keyed as the kiosk's heartbeat names them (main/host/diagnostics/deviceReports.ts). */
const PERIPHERAL_NAMES: Record<string, string> = {
  idcard: '身份证读卡器',
  printer: '凭条打印机',
  a4printer: 'A4 打印机',
  scanner: '扫描仪',
  barcode: '扫码器',
  camera: '高拍仪',
};

const HEALTH_WORDS: Record<string, string> = {
  ok: '正常',
  degraded: '异常',
  fault: '故障',
  absent: '未连接',
};

export interface PeripheralLine {
  name: string;
  state: string;
  words: string;
  detail?: string;
}

/** Faults first, so the one that needs a visit is the first thing IT staff read. */
export function peripheralLines(beat: Heartbeat | null | undefined): PeripheralLine[] {
  if (!beat) return [];
  const order: Record<string, number> = { fault: 0, degraded: 1, absent: 2, ok: 3 };
  return Object.entries(beat.devices)
    .map(([key, value]) => ({
      name: PERIPHERAL_NAMES[key] ?? key,
      state: value.state,
      words: HEALTH_WORDS[value.state] ?? value.state,
      ...(value.detail ? { detail: value.detail } : {}),
    }))
    .sort((a, b) => (order[a.state] ?? 9) - (order[b.state] ?? 9) || a.name.localeCompare(b.name, 'zh'));
}

/** "3 份申请、5 个文件待上传" or "已全部上传". */
export function queueSummary(beat: Heartbeat | null | undefined): string {
  if (!beat) return '—';
  const { documents, files } = beat.queue;
  if (documents === 0 && files === 0) return '已全部上传';
  return `${documents} 份资料、${files} 个文件待上传`;
}
