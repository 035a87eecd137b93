import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/** A QR code as a data: URL (the console CSP allows data: images for exactly this). */
export function QrImage({ text, label }: { text: string; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 220 }).then(
      (url) => live && setSrc(url),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [text]);
  if (failed) return <p className="muted">二维码生成失败，请手动输入开通码。</p>;
  return src ? <img className="qr" src={src} alt={label} width={220} height={220} /> : <div className="qr" />;
}
