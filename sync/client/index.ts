/** Kiosk-side pieces of the county protocol: device key, request signing, typed calls. */
export * from './deviceKey';
export * from './gatewayClient';
export * from './sseReader';
