import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import shippedIndex from './pinyinIndex.json';
import type { PinyinIndex } from './pinyinIndexBuild';
import { pinyinCandidates } from './pinyinInput';

const index = shippedIndex as unknown as PinyinIndex;
const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const PAGE = 8;

type Mode = 'pinyin' | 'letters' | 'digits';

/**
 * The on-screen keyboard for Chinese: letters spell pinyin, candidates (phrases first, then
 * characters by frequency) appear above the keys in large type. Also plain letters (foreign
 * names) and digits (house numbers). Never opens an OS input method.
 */
export function PinyinKeyboard({
  onInsert,
  onDelete,
  onComposing,
}: {
  onInsert(text: string): void;
  onDelete(): void;
  /** The pinyin typed so far, for screens that search while the villager spells (the catalogue). */
  onComposing?(typed: string): void;
}) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>('pinyin');
  const [typed, setTyped] = useState('');
  const [page, setPage] = useState(0);
  const candidates = useMemo(() => pinyinCandidates(index, typed, 64), [typed]);
  const shown = candidates.slice(page * PAGE, page * PAGE + PAGE);
  useEffect(() => onComposing?.(typed), [typed, onComposing]);

  const type = (letter: string) => {
    if (mode !== 'pinyin') return onInsert(letter);
    setTyped((s) => (s.length < 24 ? s + letter : s));
    setPage(0);
  };
  const pick = (text: string, consumes: number) => {
    onInsert(text);
    setTyped((s) => s.slice(consumes));
    setPage(0);
  };
  const del = () => {
    if (typed) {
      setTyped((s) => s.slice(0, -1));
      setPage(0);
    } else onDelete();
  };

  return (
    <div className="keyboard" data-testid="pinyin-keyboard">
      <fieldset className="candidates" aria-label={t('keyboard.candidates')}>
        <output className="typed" aria-label={t('keyboard.typed')}>
          {typed}
        </output>
        {shown.map((c) => (
          <button key={c.text} type="button" className="candidate" onClick={() => pick(c.text, c.consumes)}>
            {c.text}
          </button>
        ))}
        {page > 0 && (
          <button type="button" onClick={() => setPage(page - 1)}>
            {t('keyboard.morePrev')}
          </button>
        )}
        {candidates.length > (page + 1) * PAGE && (
          <button type="button" onClick={() => setPage(page + 1)}>
            {t('keyboard.moreNext')}
          </button>
        )}
      </fieldset>
      {mode === 'digits' ? (
        <div className="key-row">
          {'1234567890'.split('').map((d) => (
            <button key={d} type="button" onClick={() => onInsert(d)}>
              {d}
            </button>
          ))}
        </div>
      ) : (
        ROWS.map((row) => (
          <div className="key-row" key={row}>
            {row.split('').map((k) => (
              <button key={k} type="button" onClick={() => type(mode === 'letters' ? k.toUpperCase() : k)}>
                {mode === 'letters' ? k.toUpperCase() : k}
              </button>
            ))}
          </div>
        ))
      )}
      <div className="key-row">
        {(['pinyin', 'letters', 'digits'] as const).map((m) => (
          <button
            key={m}
            type="button"
            aria-pressed={mode === m}
            onClick={() => {
              setMode(m);
              setTyped('');
            }}
          >
            {t(`keyboard.${m}`)}
          </button>
        ))}
        <button
          type="button"
          className="wide"
          onClick={() =>
            typed && candidates[0] ? pick(candidates[0].text, candidates[0].consumes) : onInsert(' ')
          }
        >
          {t('keyboard.space')}
        </button>
        <button type="button" onClick={del}>
          ⌫ {t('keyboard.delete')}
        </button>
      </div>
    </div>
  );
}
