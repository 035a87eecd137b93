import type { DailySummaryModel, ReceiptModel, ResultNoticeModel, TestPageModel } from '../schemas';

/**
 * Realistic models for tests, the benchmark, the demo and the README preview. The people are
 * invented; the rare characters (𠮷 4-byte, 䶮) are there on purpose.
 */
export const sampleReceipt: ReceiptModel = {
  siteName: '广东省韶关市新丰县丰城街道黄陂村党群服务中心',
  kioskId: 'XF-HB-01',
  serviceName: '城乡居民基本养老保险参保登记',
  trackingNumber: 'XF01-20261129-0007',
  statusUrl: 'https://zw.xinfeng.gov.cn/cx',
  applicantName: '欧阳𠮷䶮',
  applicantIdNumber: '440233195803121234',
  applicantPhone: '13812345678',
  materials: [
    { name: '居民身份证', received: true },
    { name: '户口簿首页及本人页', received: true },
    { name: '一寸免冠彩色照片', received: false },
  ],
  submittedAt: '2026-11-29T06:05:00Z',
  legalProcessingTime: '15 个工作日',
  resultCollection: '村委会便民服务窗口，或凭回执到丰城街道政务服务中心 2 号窗口领取',
  queuedOffline: true,
  townOfficePhone: '0751-2281234',
};

export const sampleSummary: DailySummaryModel = {
  siteName: '黄陂村党群服务中心',
  kioskId: 'XF-HB-01',
  date: '2026-11-29',
  services: [
    { serviceName: '城乡居民基本养老保险参保登记', count: 4 },
    { serviceName: '高龄津贴申请', count: 2 },
    { serviceName: '残疾人两项补贴申请', count: 1 },
  ],
  queuedOffline: 3,
  synced: 4,
  failedPrints: 0,
  clerkName: '李文书',
  printedAt: '2026-11-29T09:30:00Z',
};

export const sampleTestPage: TestPageModel = {
  kioskId: 'XF-HB-01',
  softwareVersion: '0.1.0',
  transport: 'serial /dev/ttyUSB0 @ 115200',
  printedAt: '2026-11-29T01:00:00Z',
};

/** A completed application's notice, with the name and ID in clear to prove the layout masks them. */
export const sampleResultNotice: ResultNoticeModel = {
  status: 'completed',
  siteName: '东源县蓝口镇下蓝村党群服务中心',
  kioskId: '44162520000101',
  serviceName: '高龄老人津贴申请',
  trackingNumber: '44162520000101-20261201-0007',
  applicantName: '欧阳𠮷䶮',
  applicantIdNumber: '440222194405011234',
  submittedAt: '2026-12-01T02:15:00.000Z',
  decidedAt: '2026-12-03T08:40:00.000Z',
  countyNote: '津贴自2027年1月起按月发放到本人社保卡账户。',
  townOfficePhone: '0762-8888888',
  printedAt: '2026-12-04T03:00:00.000Z',
};
