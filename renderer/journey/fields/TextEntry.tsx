import { DigitKeypad } from './DigitKeypad';
import { PinyinKeyboard } from './PinyinKeyboard';

/**
 * What the villager has typed, in large type, above the keyboard that fits the answer: the
 * pinyin keyboard for words, the keypad for numbers. The box is not an <input>, so no OS
 * keyboard or input method can pop up.
 */
export function TextEntry({
  labelId,
  value,
  display,
  onChange,
  keys,
  maxLength,
  testId,
}: {
  labelId: string;
  value: string;
  /** What to show instead of the value (a formatted date). */
  display?: string;
  onChange(value: string): void;
  keys: 'pinyin' | 'digits' | 'id' | 'decimal';
  maxLength: number;
  testId?: string;
}) {
  const insert = (text: string) => {
    if (keys === 'decimal' && text === '.' && value.includes('.')) return;
    onChange((value + text).slice(0, maxLength));
  };
  const remove = () => onChange(Array.from(value).slice(0, -1).join(''));
  return (
    <div className="text-entry">
      <output className="entry-box" aria-labelledby={labelId} data-testid={testId}>
        {display ?? value}
        <span className="cursor" aria-hidden="true" />
      </output>
      {keys === 'pinyin' ? (
        <PinyinKeyboard onInsert={insert} onDelete={remove} />
      ) : (
        <DigitKeypad
          onKey={insert}
          onDelete={remove}
          extraKey={keys === 'id' && value.length === 17 ? 'X' : keys === 'decimal' ? '.' : undefined}
        />
      )}
    </div>
  );
}
