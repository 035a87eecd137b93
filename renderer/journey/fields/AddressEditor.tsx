import { useTranslation } from 'react-i18next';
import type { AddressValue } from '../forms/fieldRules';
import { HEYUAN, townDivision } from '../forms/heyuanDivisions';
import { TextEntry } from './TextEntry';

/**
 * Address by administrative division: county and town are tapped from lists (nobody has to
 * spell 麻布岗), only the village, group and house number are typed.
 */
export function AddressEditor({
  id,
  value,
  onChange,
}: {
  id: string;
  value: AddressValue | undefined;
  onChange(value: AddressValue): void;
}) {
  const { t } = useTranslation();
  const current = value ?? { division: '', detail: '' };
  const county = HEYUAN.find((c) => current.division.startsWith(c.code));
  return (
    <div className="address-editor">
      <div id={`${id}-county`} className="sub-label">
        {t('form.county')}
      </div>
      <fieldset className="choices" aria-labelledby={`${id}-county`}>
        {HEYUAN.map((c) => (
          <button
            key={c.code}
            type="button"
            aria-pressed={county?.code === c.code}
            onClick={() => onChange({ ...current, division: c.code })}
          >
            {c.name}
          </button>
        ))}
      </fieldset>
      {county && (
        <>
          <div id={`${id}-town`} className="sub-label">
            {t('form.town')}
          </div>
          <fieldset className="choices small" aria-labelledby={`${id}-town`}>
            {county.children?.map((town) => (
              <button
                key={town.code}
                type="button"
                aria-pressed={current.division === townDivision(town.code)}
                onClick={() => onChange({ ...current, division: townDivision(town.code) })}
              >
                {town.name}
              </button>
            ))}
          </fieldset>
        </>
      )}
      <div id={`${id}-detail`} className="sub-label">
        {t('form.detail')}
      </div>
      <TextEntry
        labelId={`${id}-detail`}
        value={current.detail}
        onChange={(detail) => onChange({ ...current, detail })}
        keys="pinyin"
        maxLength={200}
      />
    </div>
  );
}
