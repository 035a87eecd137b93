import { join } from 'node:path';
import { ContractError } from '../../../contract/define';
import { EscPosPrinter } from '../../../drivers/printer/escposPrinter';
import type { PaperWidth } from '../../../drivers/printer/schemas';
import { recordPreviews } from '../../../drivers/printer/simulator/previewRecorder';
import { PtyPrinterSimulator } from '../../../drivers/printer/simulator/ptyPrinterSimulator';
import type { PrinterTransport } from '../../../drivers/printer/transports/printerTransport';
import { SerialTransport } from '../../../drivers/printer/transports/serialTransport';
import { TcpTransport } from '../../../drivers/printer/transports/tcpTransport';
import { UsbLpTransport } from '../../../drivers/printer/transports/usbLpTransport';
import { openPtyPair, type PtyPair } from '../../../drivers/virtualSerial/ptyPair';
import { requireDemo } from '../devices/demoGuard';
import type { HostResources } from '../hostResources';
import type { KioskHost } from '../kioskHost';
import type { Logger } from '../logging/logger';
import type { HostService } from '../serviceManager';
import { PrintJobBusyError, PrintJobNotFoundError, PrintModelError, PrintService } from './printService';

/**
 * The receipt printer in the host: the configured transport, the ESC/POS device with its health
 * checks, and the persistent print queue. In the demo profile the printer is the ESC/POS
 * simulator on a pty, and each receipt it "prints" is rendered to a PNG for the screen.
 */
export type PrintHostService = HostService & {
  /** The receipt printer's queue once started (result notices print through it too). */
  printService(): PrintService | undefined;
};

export function printHostService(host: KioskHost, log: Logger, resources: HostResources): PrintHostService {
  const config = host.config.devices.receiptPrinter;
  let service: PrintService | undefined;
  let simulator: PtyPrinterSimulator | undefined;
  let cable: PtyPair | undefined;
  const detach: (() => void)[] = [];

  const ready = () => {
    if (!service) throw new ContractError('unavailable', 'no receipt printer configured on this kiosk');
    return service;
  };
  const translate = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof PrintJobNotFoundError || error instanceof PrintModelError)
        throw new ContractError('failed', error.message);
      if (error instanceof PrintJobBusyError)
        throw new ContractError('failed', `the job is printing now: ${error.message}`);
      throw error;
    }
  };

  host.contract.handle({
    'printer.state': async () => ready().health(),
    'printer.printReceipt': async (model) => translate(() => ready().printReceipt(model)),
    'printer.printDailySummary': async (model) => translate(() => ready().printDailySummary(model)),
    'printer.printTestPage': async (model) => translate(() => ready().printTestPage(model)),
    'printer.jobs': async () => ({ jobs: ready().jobs() }),
    'printer.reprint': async ({ jobId }) => translate(() => ready().reprint(jobId)),
    'printer.dismiss': async ({ jobId }) => {
      await translate(() => ready().dismiss(jobId));
      return { ok: true as const };
    },
    'demo.printer.condition': async (condition) => {
      requireDemo(host.config);
      if (!simulator) throw new ContractError('unavailable', 'the printer simulator is not running');
      simulator.printer.set(condition);
      return { ok: true as const };
    },
    'demo.printer.unplug': async () => {
      requireDemo(host.config);
      if (!simulator || !cable)
        throw new ContractError('unavailable', 'the printer simulator is not running');
      await cable.unplug();
      return { ok: true as const };
    },
    'demo.printer.replug': async () => {
      requireDemo(host.config);
      if (!simulator || !cable)
        throw new ContractError('unavailable', 'the printer simulator is not running');
      await cable.replug();
      // The printer powers back up on the new link: its end of the cable is opened again.
      await simulator.reopen();
      return { ok: true as const };
    },
  });

  return {
    name: 'printer',
    printService: () => service,
    async start() {
      if (config.transport === 'none') return;
      const paper: PaperWidth = config.paperWidthMm === 58 ? '58mm' : '80mm';
      let transport: PrinterTransport;
      if (config.transport === 'simulated') {
        cable = await openPtyPair();
        simulator = new PtyPrinterSimulator(cable.devicePath);
        await simulator.open();
        detach.push(
          recordPreviews(simulator.printer, {
            paper,
            onPreview: (p) =>
              host.contract.emit('demo.printer.preview', {
                index: p.index,
                pngBase64: p.png.toString('base64'),
              }),
            logger: log,
          }),
        );
        transport = new SerialTransport({ path: cable.hostPath, baudRate: 115200 });
        host.markSimulated('小票打印机');
      } else if (config.transport === 'serial') {
        transport = new SerialTransport({ path: config.path, baudRate: config.baudRate });
      } else if (config.transport === 'usblp') {
        transport = new UsbLpTransport({ path: config.path });
      } else {
        transport = new TcpTransport({ host: config.host, port: config.port });
      }
      // Real printers answer status before the paper has moved: give the receipt time to print.
      const printer = new EscPosPrinter({
        transport,
        logger: log,
        settleMs: config.transport === 'simulated' ? 0 : 1500,
      });
      service = new PrintService({ dataDir: join(resources.paths.printQueue), printer, paper, logger: log });
      detach.push(
        service.on('state', (state) => {
          host.contract.emit('printer.state', state);
          if (state.canPrint) host.services.recover('printer');
          else host.services.degrade('printer', state.messageEn, state.messageZh);
        }),
        service.on('job', (job) => host.contract.emit('printer.job', job)),
      );
      await service.start();
    },
    async stop() {
      for (const off of detach.splice(0)) off();
      await service?.stop();
      await simulator?.close();
      await cable?.close();
    },
  };
}
