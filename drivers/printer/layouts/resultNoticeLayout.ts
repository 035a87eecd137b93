import { type PaperWidth, type ResultNoticeModel, ResultNoticeModelSchema } from '../schemas';
import { maskIdNumber, maskName } from './personalDataMask';
import { formatPrintTime } from './printTime';
import { NOTICE_WORDS } from './resultNoticeWords';
import { type LineRasterizer, SlipWriter } from './slipWriter';

export interface ResultNoticeLayoutOptions {
  paper: PaperWidth;
  timeZone?: string;
  rasterizeLine?: LineRasterizer;
}

/**
 * The result notice as a receipt-printer slip, for kiosks without an A4 printer. Validates the
 * model first, so a bad one fails before any byte is sent.
 */
export function resultNoticeLayout(input: ResultNoticeModel, opts: ResultNoticeLayoutOptions): Buffer {
  const m = ResultNoticeModelSchema.parse(input);
  const words = NOTICE_WORDS[m.status];
  const s = new SlipWriter(opts.paper, opts.rasterizeLine);
  s.text(words.title, { align: 'center', bold: true, scale: 2 });
  s.text(m.siteName, { align: 'center' });
  s.rule();
  s.text(words.statusLine, { bold: true });
  s.field('办理事项', m.serviceName);
  s.text('办件编号');
  s.large(m.trackingNumber);
  s.field('申请人', maskName(m.applicantName));
  s.field('身份证号', maskIdNumber(m.applicantIdNumber));
  s.field('申请时间', formatPrintTime(m.submittedAt, opts.timeZone));
  s.field('办理时间', formatPrintTime(m.decidedAt, opts.timeZone));
  s.rule();
  s.text(`${words.noteLabel}：`, { bold: true });
  s.text(m.countyNote?.trim() || '无');
  s.text(words.nextStep);
  s.rule();
  if (m.townOfficePhone) s.field('镇办电话', m.townOfficePhone);
  s.field('打印时间', formatPrintTime(m.printedAt, opts.timeZone));
  s.text(`终端 ${m.kioskId}`, { align: 'center' });
  return s.finish();
}
