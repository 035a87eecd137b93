import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BankValue } from '../forms/fieldRules';
import { TextEntry } from './TextEntry';

/** The banks village people hold accounts with; anything else is typed. */
const RURAL_BANKS = ['农村信用社', '农业银行', '邮政储蓄银行', '建设银行', '工商银行', '中国银行'];

/** Holder, bank and account number, one part at a time (each with the keyboard it needs). */
export function BankAccountEditor({
  id,
  value,
  onChange,
}: {
  id: string;
  value: BankValue | undefined;
  onChange(value: BankValue): void;
}) {
  const { t } = useTranslation();
  const current = value ?? { holder: '', account: '', bank: '' };
  const [part, setPart] = useState<'holder' | 'bank' | 'account'>(current.holder ? 'bank' : 'holder');
  return (
    <div className="bank-editor">
      <fieldset className="choices" aria-label={t('form.bankParts')}>
        {(['holder', 'bank', 'account'] as const).map((p) => (
          <button key={p} type="button" aria-pressed={part === p} onClick={() => setPart(p)}>
            {t(`form.${p}`)}：{current[p] || '—'}
          </button>
        ))}
      </fieldset>
      <div id={`${id}-${part}`} className="sub-label">
        {t(`form.${part}`)}
      </div>
      {part === 'bank' && (
        <fieldset className="choices small" aria-labelledby={`${id}-bank`}>
          {RURAL_BANKS.map((bank) => (
            <button
              key={bank}
              type="button"
              aria-pressed={current.bank === bank}
              onClick={() => {
                onChange({ ...current, bank });
                setPart('account');
              }}
            >
              {bank}
            </button>
          ))}
        </fieldset>
      )}
      <TextEntry
        key={part}
        labelId={`${id}-${part}`}
        value={current[part]}
        onChange={(v) => onChange({ ...current, [part]: v })}
        keys={part === 'account' ? 'digits' : 'pinyin'}
        maxLength={part === 'account' ? 30 : 50}
        testId={`bank-${part}`}
      />
    </div>
  );
}
