import { countyOf, townOf } from '../protocol/ids';

/** What the gateway knows about an authenticated kiosk. */
export interface DeviceIdentity {
  id: string;
  division: string;
  siteCode: string;
  siteName: string;
  bundle: string;
}

/** Scope tags a device may read: everything, its county, its town, its site, itself. */
export function deviceScopes(device: DeviceIdentity): string[] {
  return [
    'all',
    `county:${countyOf(device.division)}`,
    `town:${townOf(device.division)}`,
    `site:${device.division}`,
    `device:${device.id}`,
  ];
}

export function siteScope(division: string): string {
  return `site:${division}`;
}

/** Thrown when a kiosk touches another site's data; answered with 403 and the batch rolls back. */
export class CrossSiteError extends Error {
  constructor(readonly documentId: string) {
    super(`document ${documentId} belongs to another site`);
    this.name = 'CrossSiteError';
  }
}
