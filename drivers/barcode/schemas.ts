import { z } from 'zod';

/**
 * Shapes that cross into the UI (re-exported by contract/). Pure zod: bundled by the renderer.
 * Decoded data can be personal (an e-ID QR): the UI may use it, logs never carry it.
 */
export const BarcodeSourceSchema = z.enum(['hid-pos', 'serial', 'keyboard-wedge']);
export type BarcodeSource = z.infer<typeof BarcodeSourceSchema>;

export const SymbologySchema = z.enum([
  'qr',
  'data-matrix',
  'pdf417',
  'aztec',
  'code128',
  'code39',
  'code93',
  'codabar',
  'ean13',
  'ean8',
  'upc-a',
  'upc-e',
  'itf',
  'other',
]);
export type Symbology = z.infer<typeof SymbologySchema>;

export const BarcodeEventSchema = z.object({
  data: z.string().min(1),
  symbology: SymbologySchema.optional(),
  source: BarcodeSourceSchema,
  /** Milliseconds since the epoch when the last part arrived. */
  at: z.number().int().nonnegative(),
});
export type BarcodeEvent = z.infer<typeof BarcodeEventSchema>;

export const BarcodeReaderStatusSchema = z.enum(['stopped', 'searching', 'ready', 'disconnected', 'fault']);
export type BarcodeReaderStatus = z.infer<typeof BarcodeReaderStatusSchema>;

export const BarcodeReaderStateSchema = z.object({
  status: BarcodeReaderStatusSchema,
  source: BarcodeSourceSchema,
  /** Plain words for the villager, shown on screen. */
  messageZh: z.string(),
  /** For logs and IT staff. */
  messageEn: z.string(),
});
export type BarcodeReaderState = z.infer<typeof BarcodeReaderStateSchema>;

const words: Record<BarcodeReaderStatus, [string, string]> = {
  stopped: ['扫码器未启用', 'barcode reader stopped'],
  searching: ['正在连接扫码器，请稍候', 'looking for the barcode reader'],
  ready: ['请把二维码对准扫码窗口', 'barcode reader ready'],
  disconnected: ['扫码器没有连接好，请找工作人员看一下', 'barcode reader disconnected'],
  fault: ['扫码器出了故障，请找工作人员帮忙', 'barcode reader fault'],
};

export function barcodeReaderState(
  status: BarcodeReaderStatus,
  source: BarcodeSource,
  detailEn?: string,
): BarcodeReaderState {
  const [zh, en] = words[status];
  return { status, source, messageZh: zh, messageEn: detailEn ? `${en}: ${detailEn}` : en };
}
