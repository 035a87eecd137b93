import { enrollmentCode } from '../../../sync/protocol/enrollment';

/**
 * What IT staff give the wizard: the code as typed (any case, with or without dashes) or the text
 * of the county console's QR (`cunban-enroll:{"url":…,"code":…}`), read by the barcode scanner.
 * The QR also carries the county URL; it wins over a typed one only when the wizard left it blank.
 */
export interface EnrollmentCodeText {
  code: string;
  countyUrl: string | null;
}

const QR_PREFIX = 'cunban-enroll:';

export function parseEnrollmentCodeText(text: string): EnrollmentCodeText | null {
  const trimmed = text.trim();
  if (trimmed.startsWith(QR_PREFIX)) {
    let payload: unknown;
    try {
      payload = JSON.parse(trimmed.slice(QR_PREFIX.length));
    } catch {
      return null;
    }
    const { url, code } = (payload ?? {}) as { url?: unknown; code?: unknown };
    if (typeof code !== 'string') return null;
    const parsed = enrollmentCode.safeParse(code);
    if (!parsed.success) return null;
    return { code: parsed.data, countyUrl: typeof url === 'string' ? url : null };
  }
  const parsed = enrollmentCode.safeParse(trimmed);
  return parsed.success ? { code: parsed.data, countyUrl: null } : null;
}
