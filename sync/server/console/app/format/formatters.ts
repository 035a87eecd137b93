/**
 * Display formatting for the console. Times are shown in China Standard Time whatever the
 * browser's zone, so a screenshot or a phone call about "10:05" means the same to everyone.
 */
const CHINA_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  const parts = Object.fromEntries(CHINA_TIME.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** "刚刚", "5分钟前", "3小时前", "2天前"; older than a month shows the date. */
export function formatAgo(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return '从未';
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return '—';
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 60) return '刚刚';
  if (seconds < 3600) return `${Math.floor(seconds / 60)}分钟前`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}小时前`;
  if (seconds < 30 * 86_400) return `${Math.floor(seconds / 86_400)}天前`;
  return formatDateTime(iso).slice(0, 10);
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** 110105********002X: enough to match a document at the counter, not enough to copy. */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone;
}

/** 12-digit division → 9-digit town code (乡镇/街道). */
export function townOf(division: string): string {
  return division.slice(0, 9);
}

const GENDERS: Record<string, string> = { '1': '男', '2': '女', '0': '未知', '9': '未说明' };

export function genderLabel(code: string | undefined): string {
  return code ? (GENDERS[code] ?? code) : '—';
}

/** Form values are data (strings, numbers, nested objects for address / bank account). */
export function formatFormValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.map(formatFormValue).join('、');
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if ('division' in record && 'detail' in record) return `${record.detail}（区划 ${record.division}）`;
    if ('account' in record) return [record.holder, record.bank, record.account].filter(Boolean).join(' · ');
    return Object.values(record).map(formatFormValue).join(' · ');
  }
  return String(value);
}

interface ChoiceField {
  type: string;
  options?: Array<{ value: string; label: { zh: string } }>;
}

/** Like formatFormValue, but choice codes ("2") are shown as the option the applicant saw ("女"). */
export function fieldValueText(field: ChoiceField | undefined, value: unknown): string {
  if (field?.type === 'signature') return value ? '已签名' : '未签名';
  const options = field?.options;
  if (!options) return formatFormValue(value);
  const label = (v: unknown) => options.find((o) => o.value === v)?.label.zh ?? formatFormValue(v);
  return Array.isArray(value) ? value.map(label).join('、') : label(value);
}
