import { ContractError } from '../../../contract/define';
import {
  createIdCardReader,
  type IdCardReader,
  type IdCardSimulatorHandle,
  startIdCardSimulator,
} from '../../../drivers/idcard';
import type { ReaderState } from '../../../drivers/idcard/schemas';
import { openPtyPair, type PtyPair } from '../../../drivers/virtualSerial/ptyPair';
import type { KioskHost } from '../kioskHost';
import type { Logger } from '../logging/logger';
import type { HostService } from '../serviceManager';
import { requireDemo } from './demoGuard';

const NOT_CONFIGURED: ReaderState = {
  status: 'no-reader',
  messageZh: '本机未配置身份证阅读器，请联系工作人员',
  messageEn: 'no ID card reader configured',
};

/**
 * Runs the configured ID card reader and forwards its state and cards through the contract. In the
 * demo profile the reader is the real driver talking to the SAM simulator across a socat pty, so
 * the demo exercises exactly the code a production kiosk runs.
 */
export function idCardService(host: KioskHost, log: Logger): HostService {
  const config = host.config.devices.idCardReader;
  let reader: IdCardReader | undefined;
  let simulator: IdCardSimulatorHandle | undefined;
  let cable: PtyPair | undefined;
  let state: ReaderState = NOT_CONFIGURED;
  const detach: (() => void)[] = [];

  host.contract.handle({
    'idcard.state': async () => state,
    'demo.idcard.fixtures': async () => {
      requireDemo(host.config);
      return { fixtures: (simulator?.fixtures ?? []).map((f) => ({ id: f.id, label: f.label })) };
    },
    'demo.idcard.place': async ({ fixtureId }) => {
      requireDemo(host.config);
      if (!simulator) throw new ContractError('unavailable', 'the ID card simulator is not running');
      if (!simulator.fixtures.some((f) => f.id === fixtureId))
        throw new ContractError('failed', `no demo card ${fixtureId}`);
      simulator.placeCard(fixtureId);
      return { ok: true as const };
    },
    'demo.idcard.remove': async () => {
      requireDemo(host.config);
      simulator?.removeCard();
      return { ok: true as const };
    },
    'demo.idcard.fault': async ({ kind }) => {
      requireDemo(host.config);
      if (!simulator) throw new ContractError('unavailable', 'the ID card simulator is not running');
      simulator.injectFault(kind);
      return { ok: true as const };
    },
    // The simulator reopens its end of the cable by itself once the link paths are back.
    'demo.idcard.unplug': async () => {
      requireDemo(host.config);
      if (!cable) throw new ContractError('unavailable', 'the ID card simulator is not running');
      await cable.unplug();
      return { ok: true as const };
    },
    'demo.idcard.replug': async () => {
      requireDemo(host.config);
      if (!cable) throw new ContractError('unavailable', 'the ID card simulator is not running');
      await cable.replug();
      return { ok: true as const };
    },
  });

  return {
    name: 'idcard',
    async start() {
      if (config.transport === 'none') return;
      if (config.transport === 'simulated') {
        cable = await openPtyPair().catch((error: Error) => {
          throw new Error(`ID card simulator needs socat for its virtual cable: ${error.message}`);
        });
        simulator = await startIdCardSimulator({ path: cable.devicePath });
        reader = createIdCardReader(
          { transport: 'serial', path: cable.hostPath },
          { logger: log, samPowerUpMs: 200 },
        );
        host.markSimulated('身份证阅读器');
      } else {
        reader = createIdCardReader(config, {
          logger: log,
          timeouts: { 'read-base': host.config.timeouts.deviceReadMs },
        });
      }
      detach.push(
        reader.on('state', (s) => {
          state = s;
          host.contract.emit('idcard.state', s);
          if (s.status === 'fault' || s.status === 'no-reader')
            host.services.degrade('idcard', s.messageEn, s.messageZh);
          else if (s.status === 'ready') host.services.recover('idcard');
        }),
        reader.on('card', (event) => host.contract.emit('idcard.card', event)),
        reader.on('removed', (event) => host.contract.emit('idcard.removed', event)),
        reader.on('read-error', (event) => host.contract.emit('idcard.readError', event)),
      );
      reader.start();
    },
    async stop() {
      for (const off of detach.splice(0)) off();
      await reader?.stop();
      await simulator?.close();
      await cable?.close();
    },
  };
}
