import { z } from 'zod';

/**
 * The kiosk's one configuration file. Every key is documented in docs/configuration.md; IT staff
 * edit it through the provisioning screens, and a bad value is reported by its key path.
 */
const serialPath = z.string().min(1).max(200);
const usbId = z.number().int().min(0).max(0xffff);

export const idCardReaderConfig = z.discriminatedUnion('transport', [
  z.object({
    transport: z.literal('serial'),
    path: serialPath,
    baudRate: z.number().int().positive().default(115200),
  }),
  z.object({ transport: z.literal('hid'), vendorId: usbId, productId: usbId }),
  z.object({ transport: z.literal('usb'), vendorId: usbId, productId: usbId }),
  z.object({ transport: z.literal('simulated') }),
  z.object({ transport: z.literal('none') }),
]);

export const receiptPrinterConfig = z.discriminatedUnion('transport', [
  z.object({
    transport: z.literal('serial'),
    path: serialPath,
    baudRate: z.number().int().positive().default(115200),
    paperWidthMm: z.union([z.literal(58), z.literal(80)]).default(80),
  }),
  z.object({
    transport: z.literal('usblp'),
    path: z.string().regex(/^\/dev\/usb\/lp\d+$/, 'must be /dev/usb/lpN'),
    paperWidthMm: z.union([z.literal(58), z.literal(80)]).default(80),
  }),
  z.object({
    transport: z.literal('tcp'),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(9100),
    paperWidthMm: z.union([z.literal(58), z.literal(80)]).default(80),
  }),
  z.object({
    transport: z.literal('simulated'),
    paperWidthMm: z.union([z.literal(58), z.literal(80)]).default(80),
  }),
  z.object({ transport: z.literal('none') }),
]);

export const barcodeScannerConfig = z.discriminatedUnion('transport', [
  z.object({ transport: z.literal('hid-pos'), vendorId: usbId, productId: usbId }),
  z.object({
    transport: z.literal('serial'),
    path: serialPath,
    baudRate: z.number().int().positive().default(9600),
    terminator: z.enum(['CR', 'LF', 'CRLF']).default('CR'),
  }),
  /** Keyboard-wedge scanners are told apart from typing in the renderer. */
  z.object({ transport: z.literal('keyboard') }),
  z.object({ transport: z.literal('simulated') }),
  z.object({ transport: z.literal('none') }),
]);

export const documentScannerConfig = z.discriminatedUnion('transport', [
  z.object({
    transport: z.literal('sane'),
    device: z.string().min(1),
    resolutionDpi: z.number().int().default(200),
  }),
  z.object({ transport: z.literal('simulated') }),
  z.object({ transport: z.literal('none') }),
]);

const divisionCode = z.string().regex(/^\d{12}$/, 'must be the 12-digit administrative division code');

export const kioskConfigSchema = z
  .object({
    /** 'demo' until the kiosk is enrolled; a production kiosk never falls back to simulators. */
    profile: z.enum(['demo', 'production']).default('demo'),
    site: z
      .object({
        name: z.string().min(1).max(100),
        divisionCode,
        siteCode: z.string().regex(/^[0-9A-Z]{4,16}$/, 'letters/digits, 4–16 chars'),
        townPhone: z.string().max(30).optional(),
      })
      .nullable()
      .default(null),
    county: z
      .object({
        url: z
          .string()
          .url()
          .refine((u) => /^https:\/\//.test(u) || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?/.test(u), {
            message: 'must be https (plain http only on localhost)',
          }),
      })
      .nullable()
      .default(null),
    devices: z
      .object({
        idCardReader: idCardReaderConfig.default({ transport: 'none' }),
        receiptPrinter: receiptPrinterConfig.default({ transport: 'none' }),
        a4Printer: z
          .object({ queue: z.string().regex(/^[A-Za-z0-9_.-]{1,127}$/, 'a CUPS queue name') })
          .nullable()
          .default(null),
        barcodeScanner: barcodeScannerConfig.default({ transport: 'keyboard' }),
        documentScanner: documentScannerConfig.default({ transport: 'none' }),
        documentCamera: z.object({ enabled: z.boolean().default(true) }).default({ enabled: true }),
      })
      .default({
        idCardReader: { transport: 'none' },
        receiptPrinter: { transport: 'none' },
        a4Printer: null,
        barcodeScanner: { transport: 'keyboard' },
        documentScanner: { transport: 'none' },
        documentCamera: { enabled: true },
      }),
    timeouts: z
      .object({
        idleSeconds: z.number().int().min(15).max(1800).default(90),
        deviceReadMs: z.number().int().min(100).max(60_000).default(3_500),
      })
      .default({ idleSeconds: 90, deviceReadMs: 3_500 }),
    retention: z
      .object({
        /** Personal data is deleted this many days after the county acknowledged it. */
        personalDataDays: z.number().int().min(1).max(365).default(30),
        /** 网络安全法 art. 21 asks for at least six months of logs. */
        logDays: z.number().int().min(183).max(3650).default(183),
      })
      .default({ personalDataDays: 30, logDays: 183 }),
    storage: z
      .object({ minFreeMegabytes: z.number().int().min(50).default(500) })
      .default({ minFreeMegabytes: 500 }),
    /** scrypt hash of the admin PIN ("scrypt$N$r$p$salt$hash", base64); unset = demo PIN 0000 in demo only. */
    adminPinHash: z.string().max(300).nullable().default(null),
  })
  .strict();

export type KioskConfig = z.output<typeof kioskConfigSchema>;
export type KioskConfigInput = z.input<typeof kioskConfigSchema>;
