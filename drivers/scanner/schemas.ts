import { z } from 'zod';

/** Shapes that cross into the UI (re-exported by contract/). Pure zod: bundled by the renderer. */

export const ScannerStatusSchema = z.enum([
  'stopped',
  'idle',
  'scanning',
  'cancelling',
  'no-scanner',
  'disconnected',
  'no-paper',
  'jammed',
  'cover-open',
  'busy',
  'fault',
]);
export type ScannerStatus = z.infer<typeof ScannerStatusSchema>;

export const ScannerStateSchema = z.object({
  status: ScannerStatusSchema,
  messageZh: z.string(),
  messageEn: z.string(),
  deviceId: z.string().optional(),
});
export type ScannerState = z.infer<typeof ScannerStateSchema>;

export const ScannerDeviceSchema = z.object({
  id: z.string(),
  vendor: z.string(),
  model: z.string(),
  type: z.string(),
});
export type ScannerDevice = z.infer<typeof ScannerDeviceSchema>;

export const ScanRequestSchema = z.object({
  deviceId: z.string().optional(),
  source: z.enum(['flatbed', 'adf']).default('flatbed'),
  /** 200 dpi is legible for forms and small print and keeps pages near the upload budget. */
  resolution: z.number().int().min(75).max(600).default(200),
  mode: z.enum(['gray', 'color']).default('gray'),
  /** Stop an ADF run after this many pages (undefined: until the feeder is empty). */
  maxPages: z.number().int().min(1).max(200).optional(),
});
export type ScanRequest = z.input<typeof ScanRequestSchema>;
export type ResolvedScanRequest = z.output<typeof ScanRequestSchema>;

export const ScanProgressSchema = z.object({
  pageNumber: z.number().int().min(1),
  /** 0..100 for the page being scanned. */
  percent: z.number().min(0).max(100),
});
export type ScanProgress = z.infer<typeof ScanProgressSchema>;

/** A page as the UI knows it once stored: names only, never the image bytes. */
export const StoredPageSchema = z.object({
  pageNumber: z.number().int().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().positive(),
  thumbSha: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  colour: z.enum(['grey', 'colour']),
});
export type StoredPage = z.infer<typeof StoredPageSchema>;

const words: Record<ScannerStatus, [string, string]> = {
  stopped: ['扫描仪未启用', 'scanner stopped'],
  idle: ['扫描仪已准备好', 'scanner ready'],
  scanning: ['正在扫描，请不要拿走材料', 'scanning'],
  cancelling: ['正在停止扫描', 'cancelling the scan'],
  'no-scanner': ['没有找到扫描仪，请找工作人员', 'no scanner found'],
  disconnected: ['扫描仪断开了，请找工作人员检查连线', 'scanner disconnected during the scan'],
  'no-paper': ['进纸器里没有纸，请把材料放进去', 'document feeder is empty'],
  jammed: ['卡纸了，请找工作人员取出纸张', 'paper jam'],
  'cover-open': ['扫描仪盖子开着，请盖好再试', 'scanner cover is open'],
  busy: ['扫描仪正忙，请稍等再试', 'scanner is busy'],
  fault: ['扫描仪出了故障，请找工作人员帮忙', 'scanner fault'],
};

export function scannerState(status: ScannerStatus, detailEn?: string, deviceId?: string): ScannerState {
  const [zh, en] = words[status];
  const state: ScannerState = { status, messageZh: zh, messageEn: detailEn ? `${en}: ${detailEn}` : en };
  if (deviceId) state.deviceId = deviceId;
  return state;
}

/**
 * What is being captured and why. An ID card is never photographed or scanned unless the
 * service requires a copy and the villager said yes (PIPL: minimum necessary, consent). The
 * rule lives in the schema so every receiver that validates a request also enforces it.
 */
export const CaptureMaterialSchema = z.enum([
  'household-register',
  'bank-book',
  'disability-certificate',
  'marriage-certificate',
  'land-contract',
  'id-card',
  'other',
]);
export type CaptureMaterial = z.infer<typeof CaptureMaterialSchema>;

export const CaptureRequestSchema = z
  .object({
    material: CaptureMaterialSchema,
    applicationId: z.string().optional(),
    /** The service's catalogue entry asks for a copy of the ID card. */
    serviceRequiresIdCopy: z.boolean().default(false),
    /** The villager agreed on screen to a copy of their ID card being kept. */
    villagerConsented: z.boolean().default(false),
  })
  .refine((r) => r.material !== 'id-card' || (r.serviceRequiresIdCopy && r.villagerConsented), {
    message:
      'ID card copy needs a service that requires it and the villager’s consent (身份证复印需业务要求并经本人同意)',
    path: ['material'],
  });
export type CaptureRequest = z.input<typeof CaptureRequestSchema>;

/** Plain check for UIs that want to grey out the capture button instead of catching an error. */
export function captureAllowed(request: CaptureRequest): boolean {
  return CaptureRequestSchema.safeParse(request).success;
}
