import { maskIdNumber, maskName } from '../../../../contract/privacy/mask';
import { formatPrintTime } from '../../../../drivers/printer/layouts/printTime';
import { NOTICE_WORDS } from '../../../../drivers/printer/layouts/resultNoticeWords';
import { type ResultNoticeModel, ResultNoticeModelSchema } from '../../../../drivers/printer/schemas';

/** Everything in the page comes from data: escaped, so a county note cannot inject markup. */
const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/**
 * The result notice on A4 (for Chromium's print-to-PDF): large type for older eyes, the words
 * shared with the slip, the name and ID number masked. One page; nothing loaded from outside.
 */
export function resultNoticeHtml(input: ResultNoticeModel, timeZone?: string): string {
  const m = ResultNoticeModelSchema.parse(input);
  const words = NOTICE_WORDS[m.status];
  const rows: Array<[string, string]> = [
    ['办件编号', m.trackingNumber],
    ['办理事项', m.serviceName],
    ['申请人', maskName(m.applicantName)],
    ['身份证号', maskIdNumber(m.applicantIdNumber)],
    ['申请时间', formatPrintTime(m.submittedAt, timeZone)],
    ['办理时间', formatPrintTime(m.decidedAt, timeZone)],
  ];
  const note = (m.countyNote?.trim() || '无')
    .split(/\r?\n/)
    .map((line) => escapeHtml(line))
    .join('<br>');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(words.title)}</title>
<style>
@page { size: A4; margin: 22mm 20mm; }
body { font-family: 'Noto Sans CJK SC', 'Noto Serif CJK SC', sans-serif; font-size: 16pt; line-height: 1.6; color: #000; }
h1 { text-align: center; font-size: 28pt; letter-spacing: 0.3em; margin: 0 0 4mm; }
.site { text-align: center; font-size: 14pt; margin-bottom: 10mm; }
.lead { font-size: 18pt; font-weight: bold; }
table { width: 100%; border-collapse: collapse; margin: 6mm 0; }
th, td { border: 1px solid #000; padding: 3mm 4mm; text-align: left; vertical-align: top; }
th { width: 28%; font-weight: bold; background: #f0f0f0; }
.tracking { font-size: 18pt; font-weight: bold; white-space: nowrap; } /* a number broken at a hyphen is misread */
.note { border: 2px solid #000; padding: 4mm 5mm; min-height: 25mm; }
.footer { margin-top: 12mm; font-size: 13pt; }
</style></head>
<body>
<h1>${escapeHtml(words.title)}</h1>
<div class="site">${escapeHtml(m.siteName)}</div>
<p class="lead">${escapeHtml(words.statusLine)}</p>
<table>
${rows
  .map(
    ([label, value], i) =>
      `<tr><th>${escapeHtml(label)}</th><td${i === 0 ? ' class="tracking"' : ''}>${escapeHtml(value)}</td></tr>`,
  )
  .join('\n')}
</table>
<p><strong>${escapeHtml(words.noteLabel)}：</strong></p>
<div class="note">${note}</div>
<p>${escapeHtml(words.nextStep)}</p>
<div class="footer">
${m.townOfficePhone ? `<p>镇办电话：${escapeHtml(m.townOfficePhone)}</p>` : ''}
<p>打印时间：${escapeHtml(formatPrintTime(m.printedAt, timeZone))} · 终端 ${escapeHtml(m.kioskId)}</p>
<p>本通知由村办自助终端根据县政务服务系统的办理结果打印，请妥善保管。</p>
</div>
</body></html>`;
}
