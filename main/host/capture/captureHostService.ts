import { join } from 'node:path';
import { ContractError } from '../../../contract/define';
import { HidPosScanner } from '../../../drivers/barcode/hidPosScanner';
import { nodeHidBackend } from '../../../drivers/barcode/hidTransport';
import type { BarcodeReaderState } from '../../../drivers/barcode/schemas';
import { SerialBarcodeScanner } from '../../../drivers/barcode/serialScanner';
import { SerialScannerSimulator } from '../../../drivers/barcode/serialScannerSimulator';
import { DocumentScanner } from '../../../drivers/scanner/documentScanner';
import { openSaneTestBackend, type SaneTestBackend } from '../../../drivers/scanner/saneTestBackend';
import { openPtyPair, type PtyPair } from '../../../drivers/virtualSerial/ptyPair';
import { requireDemo } from '../devices/demoGuard';
import type { HostResources } from '../hostResources';
import type { KioskHost } from '../kioskHost';
import type { Logger } from '../logging/logger';
import type { HostService } from '../serviceManager';
import { CapturePolicyError, CaptureService } from './captureService';
import { ImageIntakeError, takeImage } from './imageIntake';

type BarcodeScanner = HidPosScanner | SerialBarcodeScanner;

/**
 * Capture in the host: the document scanner (SANE; in the demo its `test` backend), barcode
 * scanners (HID POS or serial; in the demo a serial scanner simulator on a pty) and the encrypted
 * outbox every page lands in. Pages cross the contract as descriptors, never as image bytes.
 */
export function captureHostService(host: KioskHost, log: Logger, resources: HostResources): HostService {
  const devices = host.config.devices;
  let capture: CaptureService | undefined;
  let scanner: DocumentScanner | undefined;
  let barcode: BarcodeScanner | undefined;
  let saneBackend: SaneTestBackend | undefined;
  let cable: PtyPair | undefined;
  let barcodeSimulator: SerialScannerSimulator | undefined;
  const detach: (() => void)[] = [];

  const ready = () => {
    if (!capture) throw new ContractError('unavailable', 'capture is not available on this kiosk');
    return capture;
  };
  const policy = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof CapturePolicyError)
        throw new ContractError('forbidden', `${error.messageZh} (${error.message})`);
      throw error;
    }
  };

  host.contract.handle({
    'scanner.state': async () => {
      if (!scanner) throw new ContractError('unavailable', 'no document scanner configured');
      return scanner.state;
    },
    'capture.devices': async () => ({
      documentScanner: scanner !== undefined,
      documentCamera: devices.documentCamera.enabled,
    }),
    'capture.scan': async ({ capture: request, scan }) =>
      policy(async () => {
        if (!scanner) throw new ContractError('unavailable', 'no document scanner configured on this kiosk');
        const result = await ready().scanPages(request, scan);
        return { outcome: { ...result.outcome, error: result.outcome.error }, pages: result.pages };
      }),
    'capture.cancelScan': async () => {
      await scanner?.cancel();
      return { ok: true as const };
    },
    'capture.storePhoto': async ({ capture: request, jpegBase64 }) =>
      policy(() => ready().storePhoto(request, Buffer.from(jpegBase64, 'base64'))),
    'capture.storeImage': async ({ bytesBase64, ...image }) => {
      try {
        const stored = await takeImage(await resources.outbox(), {
          ...image,
          bytes: Buffer.from(bytesBase64, 'base64'),
        });
        log.info('image stored', { purpose: image.purpose, bytes: stored.size });
        return stored;
      } catch (error) {
        if (error instanceof ImageIntakeError) {
          log.warn('image refused', { purpose: image.purpose, code: error.code });
          throw new ContractError('invalid-input', `${error.code}: ${error.message}`);
        }
        throw error;
      }
    },
    'capture.thumbnail': async ({ sha256 }) => {
      const outbox = await resources.outbox();
      const entry = await outbox.entry(sha256).catch(() => undefined);
      if (!entry) throw new ContractError('failed', 'no such page');
      const bytes = await outbox.get(entry.thumbSha ?? sha256);
      // Scanned pages have a JPEG thumbnail; a stored signature is shown as itself (PNG).
      const mime = entry.thumbSha ? 'image/jpeg' : entry.meta.mime;
      return { dataUrl: `data:${mime};base64,${bytes.toString('base64')}` };
    },
    'barcode.state': async () => (barcode?.state as BarcodeReaderState | undefined) ?? null,
    'demo.barcode.scan': async ({ data }) => {
      requireDemo(host.config);
      if (!barcodeSimulator) throw new ContractError('unavailable', 'the barcode simulator is not running');
      await barcodeSimulator.scan(data);
      return { ok: true as const };
    },
  });

  return {
    name: 'capture',
    async start() {
      const outbox = await resources.outbox();
      const docs = devices.documentScanner;
      if (docs.transport === 'simulated') {
        saneBackend = await openSaneTestBackend(1);
        scanner = new DocumentScanner({
          workDir: join(resources.paths.state, 'scan-work'),
          env: saneBackend.env,
          logger: log,
        });
        host.markSimulated('扫描仪');
      } else if (docs.transport === 'sane') {
        scanner = new DocumentScanner({
          workDir: join(resources.paths.state, 'scan-work'),
          deviceId: docs.device,
          logger: log,
        });
      }
      if (scanner) {
        detach.push(
          scanner.on('state', (s) => host.contract.emit('scanner.state', s)),
          scanner.on('progress', (p) => host.contract.emit('scanner.progress', p)),
        );
        await scanner.start();
      }
      capture = new CaptureService({ outbox, scanner, logger: log });
      detach.push(
        capture.on('page-stored', ({ storeMs: _ignored, ...page }) =>
          host.contract.emit('capture.pageStored', page),
        ),
      );

      const codes = devices.barcodeScanner;
      if (codes.transport === 'simulated') {
        cable = await openPtyPair();
        barcodeSimulator = await SerialScannerSimulator.open(cable.devicePath);
        barcode = new SerialBarcodeScanner({
          path: cable.hostPath,
          baudRate: 9600,
          terminator: 'cr',
          logger: log,
        });
        host.markSimulated('扫码枪');
      } else if (codes.transport === 'serial') {
        barcode = new SerialBarcodeScanner({
          path: codes.path,
          baudRate: codes.baudRate,
          terminator: codes.terminator.toLowerCase() as 'cr' | 'lf' | 'crlf',
          logger: log,
        });
      } else if (codes.transport === 'hid-pos') {
        barcode = new HidPosScanner({
          backend: await nodeHidBackend(),
          match: { vendorId: codes.vendorId, productId: codes.productId },
          logger: log,
        });
      }
      if (barcode) {
        detach.push(
          barcode.on('barcode', (event) => host.contract.emit('barcode.scan', event)),
          barcode.on('state', (state) => host.contract.emit('barcode.state', state)),
        );
        barcode.start();
      }
    },
    async stop() {
      for (const off of detach.splice(0)) off();
      await barcode?.stop();
      await scanner?.stop();
      await barcodeSimulator?.close();
      await cable?.close();
      await saneBackend?.close();
    },
  };
}
