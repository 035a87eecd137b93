import { type DailySummaryModel, DailySummaryModelSchema } from '../schemas';
import { formatPrintTime } from './printTime';
import type { LayoutOptions } from './receiptLayout';
import { SlipWriter } from './slipWriter';

/** The clerk's end-of-day slip: counts per service, no personal data. */
export function dailySummaryLayout(input: DailySummaryModel, opts: LayoutOptions): Buffer {
  const m = DailySummaryModelSchema.parse(input);
  const s = new SlipWriter(opts.paper, opts.rasterizeLine);
  s.text('当日办件汇总', { align: 'center', bold: true, scale: 2 });
  s.text(m.siteName, { align: 'center' });
  s.text(`终端 ${m.kioskId}  日期 ${m.date}`, { align: 'center' });
  s.rule();
  let total = 0;
  for (const svc of m.services) {
    s.pair(svc.serviceName, `${svc.count} 件`);
    total += svc.count;
  }
  s.rule();
  s.pair('合计', `${total} 件`);
  if (m.statuses?.length) {
    s.rule();
    for (const st of m.statuses) s.pair(st.label, `${st.count} 件`);
    s.rule();
  }
  s.pair('待上报（离线）', `${m.queuedOffline} 件`);
  s.pair('已上报', `${m.synced} 件`);
  s.pair('回执打印失败', `${m.failedPrints} 件`);
  s.rule();
  if (m.clerkName) s.field('核对人', m.clerkName);
  s.field('打印时间', formatPrintTime(m.printedAt, opts.timeZone));
  s.text('签字：', { bold: true });
  s.out.feed(2);
  return s.finish();
}
