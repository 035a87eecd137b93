import { describe, expect, it } from 'vitest';
import { EscPosDecoder } from '../codec/escposDecoder';
import { DocumentAssembler, documentText } from '../codec/printedDocument';
import { textColumns } from '../codec/textColumns';
import { rasterizedLayout } from './rasterizedLayout';
import { resultNoticeLayout } from './resultNoticeLayout';
import { sampleResultNotice } from './sampleModels';

const decode = (bytes: Buffer) => {
  const decoder = new EscPosDecoder();
  const docs = new DocumentAssembler().accept(decoder.push(bytes));
  expect(decoder.pending).toBe(0);
  return docs;
};
const squash = (t: string) => t.replace(/\s/g, '');

describe.each(['58mm', '80mm'] as const)('result notice slip on %s paper', (paper) => {
  const columns = paper === '58mm' ? 32 : 48;

  it('is one cut document that fits, says what was decided, and masks the applicant', () => {
    const docs = decode(resultNoticeLayout(sampleResultNotice, { paper }));
    expect(docs).toHaveLength(1);
    const doc = docs[0]!;
    expect(doc.cut).toBe('partial');
    for (const b of doc.blocks) {
      if (b.kind === 'text') expect(textColumns(b.text) * b.width).toBeLessThanOrEqual(columns);
    }
    const flat = squash(documentText(doc));
    for (const expected of [
      '办结通知书',
      '您申请的事项已经办结',
      '高龄老人津贴申请',
      sampleResultNotice.trackingNumber,
      '欧**䶮',
      '4402**********1234',
      '2026-12-01',
      '2026-12-03',
      squash(sampleResultNotice.countyNote!),
      '0762-8888888',
    ])
      expect(flat).toContain(squash(expected));
    expect(flat).not.toContain('欧阳𠮷䶮');
    expect(flat).not.toContain('440222194405011234');
  });
});

describe('result notice words and refusals', () => {
  it('补正 and 不予受理 have their own titles and say what to do', () => {
    const correction = squash(
      documentText(
        decode(
          resultNoticeLayout(
            { ...sampleResultNotice, status: 'correctionRequired', countyNote: '请补交户口簿户主页' },
            { paper: '80mm' },
          ),
        )[0]!,
      ),
    );
    expect(correction).toContain('补正材料告知单');
    expect(correction).toContain('需要补交');
    expect(correction).toContain('请补交户口簿户主页');
    const refused = squash(
      documentText(
        decode(
          resultNoticeLayout(
            { ...sampleResultNotice, status: 'notAccepted', countyNote: null },
            { paper: '80mm' },
          ),
        )[0]!,
      ),
    );
    expect(refused).toContain('结果告知单');
    expect(refused).toContain('不予受理原因：无');
  });

  it('refuses a status the county has not decided, and an empty tracking number', () => {
    expect(() =>
      resultNoticeLayout({ ...sampleResultNotice, status: 'submitted' as never }, { paper: '80mm' }),
    ).toThrow();
    expect(() =>
      resultNoticeLayout({ ...sampleResultNotice, trackingNumber: '' }, { paper: '80mm' }),
    ).toThrow();
  });

  it('prints the rare characters of the county note as pictures when asked', async () => {
    // The masked name has none left (欧**䶮; 䶮 is 2 bytes in GB 18030-2022), the note can.
    const model = { ...sampleResultNotice, countyNote: '请到𠮷祥村委会领取' };
    const bytes = await rasterizedLayout((rasterizeLine) =>
      resultNoticeLayout(model, { paper: '58mm', rasterizeLine }),
    );
    const doc = decode(bytes)[0]!;
    expect(doc.blocks.some((b) => b.kind === 'image')).toBe(true);
  });
});
