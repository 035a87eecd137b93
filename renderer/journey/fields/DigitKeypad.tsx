import { useTranslation } from 'react-i18next';

/**
 * Big keys for numbers: ID numbers (with X for the check character), phones, amounts, dates
 * and bank accounts. No OS keyboard is ever shown.
 */
export function DigitKeypad({
  onKey,
  onDelete,
  extraKey,
}: {
  onKey(key: string): void;
  onDelete(): void;
  /** "X" for ID numbers, "." for amounts; nothing for phones. */
  extraKey?: string;
}) {
  const { t } = useTranslation();
  const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
  return (
    <div className="keypad" data-testid="digit-keypad">
      {keys.map((k) => (
        <button key={k} type="button" className="key" onClick={() => onKey(k)}>
          {k}
        </button>
      ))}
      {extraKey ? (
        <button type="button" className="key" onClick={() => onKey(extraKey)}>
          {extraKey}
        </button>
      ) : (
        <span />
      )}
      <button type="button" className="key" onClick={() => onKey('0')}>
        0
      </button>
      <button type="button" className="key delete" onClick={onDelete} aria-label={t('keyboard.delete')}>
        ⌫ {t('keyboard.delete')}
      </button>
    </div>
  );
}
