import { maskIdNumber, maskName, maskNumbersInText, maskPhone } from '../../../contract/privacy/mask';

/** Field names whose values are personal data, whatever they contain. */
const NAME_KEYS = /^(name|fullName|applicantName|holderName|clerkName|agentName|姓名)$/i;
const ID_KEYS = /(idNumber|id_number|idNo|citizenId|certNo|身份证)/i;
const PHONE_KEYS = /(phone|mobile|tel|电话|手机)/i;
const DROP_KEYS = /(address|photo|image|fingerprint|signature|pin|password|token|secret|key|bank)/i;

/**
 * Redacts a log record before it reaches disk: personal fields by key, and ID, mobile and
 * bank-card numbers anywhere in text. Depth-limited so a cyclic or huge object cannot hang logging.
 */
export function redact(value: unknown, key = '', depth = 0): unknown {
  if (depth > 6) return '[depth]';
  if (typeof value === 'string') {
    if (NAME_KEYS.test(key)) return maskName(value);
    if (ID_KEYS.test(key)) return maskIdNumber(value);
    if (PHONE_KEYS.test(key)) return maskPhone(value);
    if (DROP_KEYS.test(key)) return '[redacted]';
    return maskNumbersInText(value.length > 4000 ? `${value.slice(0, 4000)}…` : value);
  }
  if (value === null || typeof value !== 'object') {
    return typeof value === 'number' && (ID_KEYS.test(key) || PHONE_KEYS.test(key)) ? '[redacted]' : value;
  }
  if (DROP_KEYS.test(key)) return '[redacted]';
  if (value instanceof Error)
    return { error: value.name, message: redact(value.message, 'message', depth + 1) };
  if (ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redact(v, key, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redact(v, k, depth + 1);
  return out;
}
