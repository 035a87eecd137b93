import type { i18n as I18n } from 'i18next';

/**
 * Words of the scanner path of the materials screen (through i18next like every string). They
 * live with the journey until the lead folds them into renderer/i18n; added once per instance.
 */
const zhCN = {
  scan: '扫描',
  rescan: '重新扫描',
  scanHint: '把材料正面朝下放在扫描仪玻璃上，盖好盖子，然后点“扫描”',
  scanned: '已扫描 · 复印件待工作人员核验原件',
  scanning: '正在扫描，请不要拿走材料',
  page: '正在扫描第 {{page}} 页，已完成 {{percent}}%',
  missingScan: '还有必须的材料没有扫描',
  idCardAtWindow: '身份证原件请到窗口出示',
  photo: '用高拍仪拍照',
  photoHint: '把材料放在高拍仪下面的垫子中间，看画面清楚了再点“拍照”',
  photoCancel: '不拍了',
  photoStoring: '正在保存照片',
};
const en: typeof zhCN = {
  scan: 'Scan',
  rescan: 'Scan again',
  scanHint: 'Put the document face down on the scanner glass, close the lid, then tap “Scan”',
  scanned: 'Scanned · copy to be checked against the original by a clerk',
  scanning: 'Scanning, please leave the document in place',
  page: 'Scanning page {{page}}, {{percent}}% done',
  missingScan: 'A required material has not been scanned yet',
  idCardAtWindow: 'Show the original ID card at the window',
  photo: 'Photograph with the document camera',
  photoHint:
    'Lay the document in the middle of the mat under the camera, then tap “拍照” when it looks sharp',
  photoCancel: 'Cancel photo',
  photoStoring: 'Saving the photo',
};

const added = new WeakSet<object>();

export function ensureMaterialsText(i18n: I18n) {
  if (added.has(i18n)) return;
  added.add(i18n);
  i18n.addResourceBundle('zh-CN', 'translation', { materialsScan: zhCN }, true, false);
  i18n.addResourceBundle('en', 'translation', { materialsScan: en }, true, false);
}
