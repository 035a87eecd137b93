import { mkdir, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ContractError } from '../../../contract/define';
import type { ProvisioningState } from '../../../contract/provisioning';
import { createDeviceKey } from '../../../sync/client/deviceKey';
import { enrollDevice, GatewayRequestError } from '../../../sync/client/gatewayClient';
import { hashPin } from '../admin/adminPin';
import type { KioskConfig } from '../config/kioskConfig';
import type { AdminSession } from '../diagnostics/adminSession';
import type { KioskHost } from '../kioskHost';
import type { Logger } from '../logging/logger';
import type { HostPaths } from '../paths';
import { writeFileAtomic } from '../secure/atomicFile';
import type { DataKeyProvider } from '../secure/dataKey';
import { type Sealer, sealerFor } from '../secure/sealedBox';
import type { HostService } from '../serviceManager';
import {
  type DeviceCredentials,
  loadDeviceCredentials,
  saveDeviceCredentials,
} from '../syncService/deviceCredentials';
import { parseEnrollmentCodeText } from './enrollmentCodeText';
import { productionConfigFrom } from './productionConfig';

export interface ProvisioningServiceOptions {
  host: Pick<KioskHost, 'contract'> & { config: KioskConfig };
  paths: Pick<HostPaths, 'config' | 'keys' | 'state'>;
  keys: DataKeyProvider;
  admin: AdminSession;
  log: Logger;
  version: string;
  /**
   * Called after a production config was written. A host that can reload itself (the browser
   * host restarting its services, the Electron shell relaunching) does it here; otherwise the
   * wizard tells IT staff to restart.
   */
  onProvisioned?: (config: KioskConfig) => void;
}

const REVOKED_FILE = 'revoked.json';

/**
 * First-start enrollment and the kiosk's standing with the county. The device key pair is made
 * here, in the host; the private half is sealed with the data key under `paths.keys` (0600) and
 * never crosses the contract. A revoked kiosk asks for re-enrollment but keeps its journal and
 * outbox untouched, so applications not yet at the county are not lost.
 */
export class ProvisioningService implements HostService {
  readonly name = 'provisioning';
  private sealer: Sealer | undefined;
  private credentials: DeviceCredentials | null = null;
  private revoked = false;
  private written: KioskConfig | null = null;
  private enrolling = false;
  private bundle = 'default';

  constructor(private readonly options: ProvisioningServiceOptions) {}

  async start(): Promise<void> {
    const { paths, host } = this.options;
    await mkdir(paths.keys, { recursive: true, mode: 0o700 });
    await mkdir(paths.state, { recursive: true, mode: 0o700 });
    this.sealer = sealerFor(await this.options.keys.getKey());
    this.credentials = await loadDeviceCredentials(paths.keys, this.sealer);
    this.revoked = await readFile(join(paths.state, REVOKED_FILE)).then(
      () => true,
      () => false,
    );
    host.contract.handle({
      'provisioning.status': async () => this.status(),
      'provisioning.enroll': async (input) => this.enroll(input),
    });
  }

  async stop(): Promise<void> {}

  /** The config the kiosk should be running: the one just written, or the loaded one. */
  get config(): KioskConfig {
    return this.written ?? this.options.host.config;
  }

  get deviceCredentials(): DeviceCredentials | null {
    return this.revoked ? null : this.credentials;
  }

  status(): ProvisioningState {
    const config = this.config;
    const state = this.revoked
      ? 'revoked'
      : this.credentials && config.profile === 'production'
        ? 'enrolled'
        : 'unenrolled';
    return {
      state,
      restartRequired: this.written !== null,
      site:
        state === 'enrolled' && config.site && this.credentials
          ? {
              name: config.site.name,
              divisionCode: config.site.divisionCode,
              siteCode: config.site.siteCode,
              bundle: this.bundle,
            }
          : null,
      countyUrl: config.county?.url ?? null,
      deviceId: this.credentials?.deviceId ?? null,
    };
  }

  /** The gateway said `device_revoked`: remember it across restarts and ask for re-enrollment. */
  async markRevoked(): Promise<void> {
    if (this.revoked) return;
    this.revoked = true;
    await writeFileAtomic(
      join(this.options.paths.state, REVOKED_FILE),
      Buffer.from(JSON.stringify({ at: new Date().toISOString(), deviceId: this.credentials?.deviceId })),
    );
    this.options.log.warn('county revoked this kiosk; asking for re-enrollment', {
      deviceId: this.credentials?.deviceId,
    });
    this.options.host.contract.emit('provisioning.changed', this.status());
  }

  private async enroll(input: {
    countyUrl: string;
    code: string;
    adminPin: string;
  }): Promise<ProvisioningState> {
    const current = this.status();
    if (current.state === 'enrolled') throw new ContractError('forbidden', 'this kiosk is already enrolled');
    // First start: whoever sets the kiosk up is IT. After a revocation an admin session is needed.
    if (current.state === 'revoked' || this.credentials) this.options.admin.require();
    if (this.enrolling) throw new ContractError('failed', 'an enrollment is already running');
    const parsed = parseEnrollmentCodeText(input.code);
    if (!parsed)
      throw new ContractError('invalid-input', '开通码格式不对：应为12位字母和数字（如 ABCD-EFGH-JK12）。');
    const countyUrl = input.countyUrl.replace(/\/+$/, '');
    this.enrolling = true;
    try {
      const key = await createDeviceKey();
      const enrollment = await enrollDevice(countyUrl, {
        code: parsed.code,
        alg: key.alg,
        publicKey: key.publicJwk as never,
        appVersion: this.options.version,
        label: hostname().slice(0, 80),
      }).catch((error: unknown) => {
        if (error instanceof GatewayRequestError) throw new ContractError('failed', error.messageZh);
        throw new ContractError('failed', '连不上县里的系统：请检查网络和县里的地址后重试。');
      });
      const config = productionConfigFrom(this.config, enrollment, countyUrl, await hashPin(input.adminPin));
      const credentials: DeviceCredentials = {
        deviceId: enrollment.deviceId,
        siteCode: enrollment.site.siteCode,
        division: enrollment.site.division,
        audience: enrollment.audience,
        key,
      };
      // Credentials first: a config saying "production" must never exist without its key.
      await saveDeviceCredentials(this.options.paths.keys, this.sealer!, credentials);
      await writeFileAtomic(
        this.options.paths.config,
        Buffer.from(`${JSON.stringify(config, null, 2)}\n`),
        0o600,
      );
      await rm(join(this.options.paths.state, REVOKED_FILE), { force: true });
      this.credentials = credentials;
      this.revoked = false;
      this.written = config;
      this.bundle = enrollment.site.bundle;
      this.options.log.info('kiosk enrolled', {
        deviceId: enrollment.deviceId,
        siteCode: enrollment.site.siteCode,
      });
      const status = this.status();
      this.options.host.contract.emit('provisioning.changed', status);
      this.options.onProvisioned?.(config);
      return status;
    } finally {
      this.enrolling = false;
    }
  }
}
