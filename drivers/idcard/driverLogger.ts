/** The host injects its logger; the driver never logs names, ID numbers or photo bytes. */
export interface DriverLogger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: DriverLogger = { info() {}, warn() {}, error() {} };

/** "李秀英" → "李**": enough for staff to match a log line to a complaint, not to identify. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** "130624196503121227" → "13**************27" (region and birth date hidden too). */
export function maskIdNumber(id: string): string {
  if (id.length <= 4) return '*'.repeat(id.length);
  return id.slice(0, 2) + '*'.repeat(id.length - 4) + id.slice(-2);
}
