import type { i18n as I18n } from 'i18next';

/**
 * Words of clerk mode inside the journey (代办, 核验原件, asking for a clerk). Like
 * materialsText.ts they live with the screens until the lead folds them into renderer/i18n.
 */
const zhCN = {
  callTitle: '请工作人员协助',
  callHint: '请工作人员扫一下工牌，或点下面的按钮登录',
  callSignIn: '工作人员登录',
  title: '帮群众代办',
  by: '代办人：{{name}}',
  cardHint: '请群众把身份证放到阅读器上',
  manualHint: '没有带身份证：由工作人员录入，并扫描委托书或授权书',
  applicantName: '申请人姓名',
  applicantId: '申请人身份证号码',
  relation: '谁来委托',
  relationChoices: '本人委托|配偶|子女|父母|其他亲属|村（居）委会',
  authorisation: '委托书或授权书',
  scanAuthorisation: '扫描委托书',
  rescanAuthorisation: '重新扫描委托书',
  authorisationScanned: '委托书已扫描',
  confirm: '确认申请人',
  needRelation: '请选择是谁来委托办理',
  needAuthorisation: '没有身份证时，必须先扫描委托书或授权书',
  checkOriginal: '已核验原件',
  checked: '已核验原件（B级）',
  unchecked: '复印件待核验（C级）',
};
const en: typeof zhCN = {
  callTitle: 'Ask a clerk for help',
  callHint: 'A clerk scans their badge, or taps the button below to sign in',
  callSignIn: 'Clerk sign-in',
  title: 'Apply on behalf of a villager',
  by: 'Filed by: {{name}}',
  cardHint: 'Ask the villager to place their ID card on the reader',
  manualHint: 'No ID card: the clerk types the applicant in and scans the letter of authorisation',
  applicantName: 'Applicant’s name',
  applicantId: 'Applicant’s ID number',
  relation: 'Who asked',
  relationChoices: 'The applicant|Spouse|Child|Parent|Other relative|Village committee',
  authorisation: 'Letter of authorisation',
  scanAuthorisation: 'Scan the authorisation',
  rescanAuthorisation: 'Scan the authorisation again',
  authorisationScanned: 'Authorisation scanned',
  confirm: 'Confirm applicant',
  needRelation: 'Choose who asked for this application',
  needAuthorisation: 'Without an ID card the letter of authorisation must be scanned first',
  checkOriginal: 'Original checked',
  checked: 'Original checked (level B)',
  unchecked: 'Copy not yet checked (level C)',
};

const added = new WeakSet<object>();

export function ensureAssistText(i18n: I18n) {
  if (added.has(i18n)) return;
  added.add(i18n);
  i18n.addResourceBundle('zh-CN', 'translation', { assist: zhCN }, true, false);
  i18n.addResourceBundle('en', 'translation', { assist: en }, true, false);
}
