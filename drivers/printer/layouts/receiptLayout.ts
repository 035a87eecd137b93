import { EncodeError, type MonoImage, type QrErrorLevel } from '../codec/escposEncoder';
import { type PaperWidth, type ReceiptModel, ReceiptModelSchema } from '../schemas';
import { maskIdNumber, maskName, maskPhone } from './personalDataMask';
import { formatPrintTime } from './printTime';
import { type LineRasterizer, SlipWriter } from './slipWriter';

export interface LayoutOptions {
  paper: PaperWidth;
  timeZone?: string;
  /** Draws lines with 4-byte GB18030 characters as images (see rasterizedLayout). */
  rasterizeLine?: LineRasterizer;
  /** County logo, already 1-bit and no wider than the paper (see pngToMonoImage). */
  logo?: MonoImage;
}

const QR_LEVEL: QrErrorLevel = 'M';
/** Printable dots per line at 203 dpi (reference §3). */
export const PAPER_DOTS: Record<PaperWidth, number> = { '58mm': 384, '80mm': 576 };

/** What the QR code carries: the county status page for this tracking number. */
export function receiptQrPayload(model: Pick<ReceiptModel, 'statusUrl' | 'trackingNumber'>): string {
  const sep = model.statusUrl.includes('?') ? '&' : '?';
  return `${model.statusUrl}${sep}n=${encodeURIComponent(model.trackingNumber)}`;
}

/** The villager's receipt (办事回执). Validates the model, so a bad one fails before any byte is sent. */
export function receiptLayout(input: ReceiptModel, opts: LayoutOptions): Buffer {
  const m = ReceiptModelSchema.parse(input);
  const s = new SlipWriter(opts.paper, opts.rasterizeLine);
  if (opts.logo) {
    if (opts.logo.width > PAPER_DOTS[opts.paper]) throw new EncodeError('logo is wider than the paper');
    s.out.align('center').image(opts.logo).align('left');
  }
  s.text('办事回执', { align: 'center', bold: true, scale: 2 });
  s.text(m.siteName, { align: 'center' });
  s.text(`终端 ${m.kioskId}`, { align: 'center' });
  s.rule();
  s.field('办理事项', m.serviceName);
  s.text('受理编号');
  s.large(m.trackingNumber);
  s.out.align('center').qr(receiptQrPayload(m), { size: opts.paper === '58mm' ? 5 : 6, level: QR_LEVEL });
  s.text('扫码可查办理进度', { align: 'center' });
  s.rule();
  s.field('申请人', maskName(m.applicantName));
  s.field('身份证号', maskIdNumber(m.applicantIdNumber));
  if (m.applicantPhone) s.field('联系电话', maskPhone(m.applicantPhone));
  s.field('提交时间', formatPrintTime(m.submittedAt, opts.timeZone));
  s.field('法定办结时限', m.legalProcessingTime);
  const received = m.materials.filter((x) => x.received);
  const owed = m.materials.filter((x) => !x.received);
  s.text(`已收材料（${received.length} 项）`, { bold: true });
  for (const x of received) s.text(`√ ${x.name}`);
  if (received.length === 0) s.text('无');
  if (owed.length > 0) {
    s.text(`还需补交（${owed.length} 项）`, { bold: true });
    for (const x of owed) s.text(`□ ${x.name}`);
  }
  s.field('结果领取', m.resultCollection);
  s.rule();
  if (m.queuedOffline) {
    s.text('本机暂时没有联网，申请已保存在本机，联网后自动上报，请放心。', { bold: true });
  }
  s.field('镇办电话', m.townOfficePhone);
  s.text('请妥善保管本回执', { align: 'center' });
  return s.finish();
}
