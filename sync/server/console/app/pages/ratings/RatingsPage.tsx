import { ErrorNotice } from '../../components/ErrorNotice';
import { useConsole } from '../../consoleContext';
import { summarizeRatings } from '../../format/ratingStats';
import { useLoad } from '../../useLoad';
import { BadReviewList } from './BadReviewList';
import { RatingTable } from './RatingTable';

/** 好差评: every 差评 (levels 1–2) must be followed up (国办发〔2019〕51号), so all are listed. */
export function RatingsPage() {
  const { api } = useConsole();
  const stats = useLoad(() => api.ratingStats(), 'ratings');
  const summary = summarizeRatings(stats.data?.byLevel ?? []);
  return (
    <section aria-labelledby="ratings-title">
      <h1 id="ratings-title">好差评</h1>
      <ErrorNotice error={stats.error} onRetry={stats.reload} />
      <div className="detail-grid">
        <RatingTable summary={summary} />
        <BadReviewList reviews={stats.data?.badReviews ?? []} />
      </div>
    </section>
  );
}
