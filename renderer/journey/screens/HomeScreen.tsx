import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { maskName } from '../../../contract/privacy/mask';
import type { ServiceDocument } from '../../../sync/protocol/forms';
import { makeSearchEntry, searchServices } from '../catalog/catalogSearch';
import { byUsage, CATEGORIES, type Category, categoryOf, SEED_USAGE } from '../catalog/categories';
import { PinyinKeyboard } from '../fields/PinyinKeyboard';
import { ScreenFrame } from './ScreenFrame';

/**
 * The catalogue: most used first, by category, or found by typing characters, pinyin or
 * initials. The keyboard appears only when the villager asks to search.
 */
export function HomeScreen({
  services,
  applicantName,
  onChoose,
  onEnd,
}: {
  services: ServiceDocument[];
  applicantName: string | null;
  onChoose(service: ServiceDocument): void;
  onEnd(): void;
}) {
  const { t, i18n } = useTranslation();
  const [category, setCategory] = useState<Category | 'popular'>('popular');
  const [searching, setSearching] = useState(false);
  const [query, setQuery] = useState('');
  const [composing, setComposing] = useState('');
  const entries = useMemo(() => services.map((s) => makeSearchEntry(s.id, s.name.zh)), [services]);
  const ordered = useMemo(() => byUsage(services, SEED_USAGE), [services]);
  const fullQuery = query + composing;
  const shown = fullQuery
    ? searchServices(entries, ordered, fullQuery)
    : category === 'popular'
      ? ordered
      : ordered.filter((s) => categoryOf(s) === category);
  const name = (s: ServiceDocument) =>
    i18n.language.startsWith('zh') ? s.name.zh : (s.name.en ?? s.name.zh);

  return (
    <ScreenFrame testId="home-screen" title={t('home.title')} promptKey="home" onEnd={onEnd}>
      {applicantName && <p className="greeting">{t('home.greeting', { name: maskName(applicantName) })}</p>}
      <fieldset className="choices tabs" aria-label={t('home.categories')}>
        {(['popular', ...CATEGORIES] as const).map((c) => (
          <button
            key={c}
            type="button"
            aria-pressed={!fullQuery && category === c}
            onClick={() => {
              setCategory(c);
              setQuery('');
              setSearching(false);
            }}
          >
            {c === 'popular' ? t('home.popular') : t(`category.${c}`)}
          </button>
        ))}
        <button
          type="button"
          aria-pressed={searching}
          onClick={() => setSearching(!searching)}
          data-testid="search-toggle"
        >
          {/* Drawn, not an emoji: kiosks often have no colour-emoji font and would show a box. */}
          <svg className="search-icon" viewBox="0 0 24 24" aria-hidden="true">
            <circle cx="10" cy="10" r="6.5" fill="none" stroke="currentColor" strokeWidth="2.5" />
            <line
              x1="15"
              y1="15"
              x2="21"
              y2="21"
              stroke="currentColor"
              strokeWidth="2.5"
              strokeLinecap="round"
            />
          </svg>
          {t('home.search')}
        </button>
      </fieldset>
      {searching && (
        <div className="search">
          <div id="search-label" className="sub-label">
            {t('home.searchHint')}
          </div>
          <output className="entry-box" aria-labelledby="search-label" data-testid="search-query">
            {fullQuery}
          </output>
          <PinyinKeyboard
            onInsert={(text) => setQuery((q) => q + text)}
            onDelete={() => setQuery((q) => Array.from(q).slice(0, -1).join(''))}
            onComposing={setComposing}
          />
        </div>
      )}
      <ul className="service-list">
        {shown.map((s) => (
          <li key={s.id}>
            <button
              type="button"
              className="service"
              onClick={() => onChoose(s)}
              data-testid={`service-${s.id}`}
            >
              <strong>{name(s)}</strong>
              <span>{s.department}</span>
            </button>
          </li>
        ))}
      </ul>
      {shown.length === 0 && <p className="notice">{t('home.noResult')}</p>}
    </ScreenFrame>
  );
}
