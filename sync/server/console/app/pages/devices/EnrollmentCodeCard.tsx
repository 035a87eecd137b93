import type { CreatedEnrollmentCode } from '../../api/types';
import { QrImage } from '../../components/QrImage';
import { formatDateTime } from '../../format/formatters';

/** Shown once: the gateway stores only a hash of the code, so it cannot be displayed again. */
export function EnrollmentCodeCard({
  code,
  siteName,
  onClose,
}: {
  code: CreatedEnrollmentCode;
  siteName: string;
  onClose: () => void;
}) {
  return (
    <div className="card code-card" data-testid="enrollment-code">
      <h2>{siteName} 的开通码</h2>
      <p className="code-display mono">{code.display}</p>
      <QrImage text={code.qrPayload} label={`开通码二维码：${code.display}`} />
      <p className="muted">
        在一体机的开通页面扫描二维码或输入开通码。只能使用一次，{formatDateTime(code.expiresAt)} 前有效。
        关闭后无法再次查看。
      </p>
      <button type="button" onClick={onClose}>
        已记下，关闭
      </button>
    </div>
  );
}
