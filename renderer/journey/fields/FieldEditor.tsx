import { useTranslation } from 'react-i18next';
import type { FormField } from '../../../sync/protocol/forms';
import type { AddressValue, BankValue } from '../forms/fieldRules';
import { AddressEditor } from './AddressEditor';
import { BankAccountEditor } from './BankAccountEditor';
import { TextEntry } from './TextEntry';

/** Digits typed for a date become 年-月-日 as they come: "195203" → "1952-03". */
export function formatDateDigits(digits: string): string {
  const d = digits.replace(/\D/g, '').slice(0, 8);
  return [d.slice(0, 4), d.slice(4, 6), d.slice(6, 8)].filter(Boolean).join('-');
}

/** One answer of a catalogue form, with the input that suits its type. */
export function FieldEditor({
  field,
  value,
  onChange,
  labelId,
}: {
  field: FormField;
  value: unknown;
  onChange(value: unknown): void;
  labelId: string;
}) {
  const { t, i18n } = useTranslation();
  const label = (l: { zh: string; en?: string }) => (i18n.language.startsWith('zh') ? l.zh : (l.en ?? l.zh));
  const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  switch (field.type) {
    case 'text':
      return (
        <TextEntry
          labelId={labelId}
          value={text}
          onChange={onChange}
          keys="pinyin"
          maxLength={field.maxLength}
          testId="field-entry"
        />
      );
    case 'number':
      return (
        <TextEntry
          labelId={labelId}
          value={text}
          onChange={onChange}
          keys={field.integer ? 'digits' : 'decimal'}
          maxLength={12}
          testId="field-entry"
        />
      );
    case 'phone':
      return (
        <TextEntry
          labelId={labelId}
          value={text}
          onChange={onChange}
          keys="digits"
          maxLength={11}
          testId="field-entry"
        />
      );
    case 'idNumber':
      return (
        <TextEntry
          labelId={labelId}
          value={text}
          onChange={onChange}
          keys="id"
          maxLength={18}
          testId="field-entry"
        />
      );
    case 'date':
      return (
        <TextEntry
          labelId={labelId}
          value={text.replace(/-/g, '')}
          display={text}
          onChange={(digits) => onChange(formatDateDigits(digits))}
          keys="digits"
          maxLength={8}
          testId="field-entry"
        />
      );
    case 'singleChoice':
      return (
        <fieldset className="choices" aria-labelledby={labelId}>
          {field.options.map((o) => (
            <button
              key={o.value}
              type="button"
              aria-pressed={value === o.value}
              onClick={() => onChange(o.value)}
            >
              {label(o.label)}
            </button>
          ))}
        </fieldset>
      );
    case 'multipleChoice': {
      const chosen = Array.isArray(value) ? (value as string[]) : [];
      return (
        <fieldset className="choices" aria-labelledby={labelId}>
          <p className="hint">{t('form.chooseMany')}</p>
          {field.options.map((o) => (
            <button
              key={o.value}
              type="button"
              aria-pressed={chosen.includes(o.value)}
              onClick={() =>
                onChange(
                  chosen.includes(o.value) ? chosen.filter((v) => v !== o.value) : [...chosen, o.value],
                )
              }
            >
              {chosen.includes(o.value) ? '✓ ' : ''}
              {label(o.label)}
            </button>
          ))}
        </fieldset>
      );
    }
    case 'address':
      return <AddressEditor id={field.id} value={value as AddressValue | undefined} onChange={onChange} />;
    case 'bankAccount':
      return <BankAccountEditor id={field.id} value={value as BankValue | undefined} onChange={onChange} />;
    case 'signature':
      return <p>{t('form.signatureLater')}</p>;
  }
}
