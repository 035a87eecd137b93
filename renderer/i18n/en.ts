import type { zhCN } from './zh-CN';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** English for foreign card holders (and the logs' readers). */
export const en: Shape<typeof zhCN> = {
  app: { title: 'Cunban · Self-service', subtitle: 'Government service kiosk' },
  attract: {
    placeCard: 'Place your ID card on the reader below',
    orScan: 'or scan your e-ID QR code · or ask a clerk for help',
    start: 'Start',
    myApplications: 'My applications',
    elderMode: 'Large text',
    standardMode: 'Standard',
  },
  status: {
    online: 'Online',
    offline: 'Offline · applications are saved here and sent automatically',
    queued: '{{count}} waiting to upload',
    connecting: 'Connecting to the kiosk service…',
  },
  demo: { banner: 'DEMO · simulated devices · no real applications are submitted' },
  device: { degraded: 'Some devices are unavailable, please ask a clerk' },
};
