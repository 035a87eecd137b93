import { useEffect, useState } from 'react';
import { maskName } from '../../contract/privacy/mask';
import { useKioskApi } from '../api/KioskApiContext';

const CARD_WAIT_MS = 20_000;

const PRINT_WORDS: Record<string, string> = {
  queued: '测试页已排队，马上打印。',
  printing: '正在打印测试页。',
  printed: '测试页已打印：请看纸上的内容是否清楚。',
  failed: '测试页没有打印出来：请检查纸卷和打印机盖。',
  uncertain: '不确定是否打印出来了：请看打印机出纸口。',
};

/**
 * Hands-on device tests for IT staff, with the result in words: read a card (the name is shown
 * masked, the number not at all) and  print the test page, scan a code. The
 * document-scanner tests go through the capture screens' own request (`capture.scan`).
 */
export function DeviceTests() {
  const api = useKioskApi();
  const [cardResult, setCardResult] = useState<string | null>(null);
  const [waiting, setWaiting] = useState(false);
  const [scan, setScan] = useState('');
  const [scanned, setScanned] = useState<string | null>(null);
  const [printResult, setPrintResult] = useState<string | null>(null);

  // Scanners on HID-POS or serial report through the host; keyboard-wedge ones type into the field.
  useEffect(
    () => api.subscribe('barcode.scan', (e) => setScanned(`扫码器正常：收到 ${e.data.length} 个字符。`)),
    [api],
  );

  const printTestPage = async () => {
    setPrintResult('正在打印测试页…');
    try {
      const status = await api.request('provisioning.status', {});
      const job = await api.request('printer.printTestPage', {
        kioskId: status.deviceId ?? 'demo',
        softwareVersion: (await api.request('system.info', {})).version,
        transport: 'configured',
        printedAt: new Date().toISOString(),
      });
      setPrintResult(PRINT_WORDS[job.status] ?? `打印状态：${job.status}`);
    } catch {
      setPrintResult('打印机没有响应：请检查电源、连线和纸卷。');
    }
  };

  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(() => {
      setWaiting(false);
      setCardResult(`${CARD_WAIT_MS / 1000} 秒内没有读到卡：请检查阅读器的连线和电源，或换一张卡。`);
    }, CARD_WAIT_MS);
    const offCard = api.subscribe('idcard.card', (e) => {
      setWaiting(false);
      setCardResult(`读卡成功：${maskName(e.card.name)}，用时 ${Math.round(e.readMs)} 毫秒。`);
    });
    const offError = api.subscribe('idcard.readError', (e) => {
      setWaiting(false);
      setCardResult(`读卡失败：${e.messageZh}`);
    });
    return () => {
      clearTimeout(timer);
      offCard();
      offError();
    };
  }, [api, waiting]);

  return (
    <section data-testid="device-tests">
      <h2>设备测试</h2>
      <div className="it-actions">
        <button
          type="button"
          onClick={() => {
            setCardResult('请把一张身份证放到阅读器上…');
            setWaiting(true);
          }}
          disabled={waiting}
        >
          测试身份证阅读器
        </button>
        {cardResult && (
          <span role="status" data-testid="card-test-result">
            {cardResult}
          </span>
        )}
      </div>
      <div className="it-actions">
        <button type="button" onClick={printTestPage}>
          打印测试页
        </button>
        {printResult && <span role="status">{printResult}</span>}
      </div>
      <label>
        测试扫码器：点这里，然后扫任意二维码或条码
        <input value={scan} onChange={(e) => setScan(e.target.value)} data-testid="scan-test" />
      </label>
      {scan && <p role="status">扫码器正常：收到 {scan.length} 个字符。</p>}
      {scanned && <p role="status">{scanned}</p>}
    </section>
  );
}
