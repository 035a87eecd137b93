import type { ServiceStatus } from '../../contract/health';
import type { Logger } from './logging/logger';

/** A host service: config, journal, a device, printing… Started in order, stopped in reverse. */
export interface HostService {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

/**
 * Starts services in a defined order. A service that fails (a missing serial port, a printer
 * that is off) is marked degraded with words for the screen and the kiosk starts anyway;
 * nothing a single device does can keep the villager screens from coming up.
 */
export class ServiceManager {
  private readonly statuses = new Map<string, ServiceStatus>();
  private started: HostService[] = [];

  constructor(
    private readonly log: Logger,
    private readonly onChange: () => void = () => {},
  ) {}

  async startAll(services: HostService[]): Promise<void> {
    for (const service of services) {
      this.set({ name: service.name, state: 'starting' });
      try {
        await withTimeout(
          service.start(),
          START_TIMEOUT_MS,
          `${service.name} did not start within ${START_TIMEOUT_MS} ms`,
        );
        this.started.push(service);
        this.set({ name: service.name, state: 'running' });
        this.log.info('service started', { service: service.name });
      } catch (error) {
        this.started.push(service); // it may hold resources; stop() must still be offered
        this.degrade(service.name, (error as Error).message);
      }
    }
  }

  async stopAll(): Promise<void> {
    for (const service of this.started.reverse()) {
      try {
        await withTimeout(service.stop(), STOP_TIMEOUT_MS, `${service.name} did not stop in time`);
        this.set({ name: service.name, state: 'stopped' });
      } catch (error) {
        this.log.warn('service stop failed', { service: service.name, error: (error as Error).message });
      }
    }
    this.started = [];
  }

  /** Services report runtime faults here (reader unplugged, printer offline). */
  degrade(name: string, message: string, messageZh = '此功能暂时不可用，请联系工作人员'): void {
    this.log.warn('service degraded', { service: name, reason: message });
    this.set({ name, state: 'degraded', message, messageZh });
  }

  recover(name: string): void {
    if (this.statuses.get(name)?.state === 'degraded') this.set({ name, state: 'running' });
  }

  list(): ServiceStatus[] {
    return [...this.statuses.values()];
  }

  private set(status: ServiceStatus) {
    this.statuses.set(status.name, status);
    this.onChange();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]);
}
