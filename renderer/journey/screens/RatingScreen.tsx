import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RatingDraft } from '../journeyTypes';
import { buildRating, needsReason, RATING_LEVELS_DESC, RATING_TEMPLATE } from '../rating/ratingTemplate';
import { ScreenFrame } from './ScreenFrame';

/**
 * 好差评, opened by itself after every completed transaction. The applicant rates; when a clerk
 * assisted, the screen first asks the clerk to step away (a clerk may never rate).
 */
export function RatingScreen({
  applicationId,
  serviceId,
  assisted,
  onRated,
  onSkip,
}: {
  applicationId: string | null;
  serviceId: string | null;
  assisted: boolean;
  onRated(rating: RatingDraft): void;
  onSkip(): void;
}) {
  const { t, i18n } = useTranslation();
  const [level, setLevel] = useState<RatingDraft['level'] | null>(null);
  const [tags, setTags] = useState<string[]>([]);
  const [problem, setProblem] = useState(false);
  const zh = i18n.language.startsWith('zh');

  const submit = () => {
    if (!level) return setProblem(true);
    const rating = buildRating({ level, reasonTags: tags, applicationId, serviceId });
    if (!rating) return setProblem(true);
    onRated(rating);
  };

  return (
    <ScreenFrame
      testId="rating-screen"
      title={t('rating.title')}
      promptKey="rating"
      actions={
        <>
          <button type="button" onClick={onSkip} data-testid="rating-skip">
            {t('rating.skip')}
          </button>
          <button type="button" className="primary" onClick={submit} data-testid="rating-submit">
            {t('rating.submit')}
          </button>
        </>
      }
    >
      {assisted && <p className="notice">{t('rating.clerkAway')}</p>}
      <p className="hint">{t('rating.hint')}</p>
      <fieldset className="choices rating-levels" aria-label={t('rating.title')}>
        {RATING_LEVELS_DESC.map((l) => (
          <button
            key={l}
            type="button"
            className="level"
            aria-pressed={level === l}
            data-testid={`rating-${l}`}
            onClick={() => {
              setLevel(l);
              setProblem(false);
              if (!needsReason(l)) setTags([]);
            }}
          >
            {t(`rating.levels.${l}`)}
          </button>
        ))}
      </fieldset>
      {level && needsReason(level) && (
        <>
          <h2 id="rating-reasons">{t('rating.reasons')}</h2>
          <fieldset className="choices" aria-labelledby="rating-reasons">
            {RATING_TEMPLATE.reasons.map((r) => (
              <button
                key={r.id}
                type="button"
                aria-pressed={tags.includes(r.id)}
                data-testid={`reason-${r.id}`}
                onClick={() =>
                  setTags((old) => (old.includes(r.id) ? old.filter((x) => x !== r.id) : [...old, r.id]))
                }
              >
                {tags.includes(r.id) ? '✓ ' : ''}
                {zh ? r.zh : r.en}
              </button>
            ))}
          </fieldset>
        </>
      )}
      {problem && (
        <p className="problem" role="alert">
          {level ? t('rating.needReason') : t('rating.chooseLevel')}
        </p>
      )}
    </ScreenFrame>
  );
}
