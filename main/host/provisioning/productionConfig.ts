import type { EnrollResponse } from '../../../sync/protocol/enrollment';
import type { KioskConfig, KioskConfigInput } from '../config/kioskConfig';
import { parseConfig } from '../config/loadConfig';

/**
 * The production config enrollment writes. Device assignments carry over from the running config
 * except simulators, which a production kiosk must never use (they become `none` until IT assigns
 * the real device in diagnostics). Validated with the same parser the host loads it with, so a
 * config this writes can never fail the next start.
 */
export function productionConfigFrom(
  current: KioskConfig,
  enrollment: EnrollResponse,
  countyUrl: string,
  adminPinHash: string,
): KioskConfig {
  const devices = Object.fromEntries(
    Object.entries(current.devices).map(([name, device]) => [
      name,
      device && typeof device === 'object' && 'transport' in device && device.transport === 'simulated'
        ? { transport: 'none' }
        : device,
    ]),
  );
  const input: KioskConfigInput = {
    ...current,
    profile: 'production',
    site: {
      name: enrollment.site.siteName,
      divisionCode: enrollment.site.division,
      siteCode: enrollment.site.siteCode,
      ...(current.site?.townPhone && current.profile === 'production'
        ? { townPhone: current.site.townPhone }
        : {}),
    },
    county: { url: countyUrl },
    devices: devices as KioskConfigInput['devices'],
    adminPinHash,
  };
  return parseConfig(JSON.stringify(input), 'enrollment');
}
