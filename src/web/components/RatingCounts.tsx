import type { RatingView } from '../format';
import { useI18n } from '../i18n/i18n';
import { RatingBadge } from './RatingBadge';

/**
 * 達成 3件 · ほぼ達成 1件 … in the order of the plan's labels. The scale's bands and 未評価 always appear,
 * the statuses (中止 …) only when some action has one.
 */
export function RatingCounts({
  ratings,
  counts,
  label,
  hideZero = false,
}: {
  ratings: RatingView[];
  counts: Record<string, number>;
  label: string;
  hideZero?: boolean;
}) {
  const { t } = useI18n();
  const shown = ratings.filter((rating) => {
    const count = counts[rating.key] ?? 0;
    if (count > 0) return true;
    return !hideZero && rating.kind !== 'status';
  });
  if (shown.length === 0) return null;
  return (
    <ul className="rating-counts" aria-label={label}>
      {shown.map((rating) => (
        <li key={rating.key} className="rating-counts__item">
          <RatingBadge rating={rating} />
          <span className="rating-counts__count">
            {t('common.count', { count: counts[rating.key] ?? 0 })}
          </span>
        </li>
      ))}
    </ul>
  );
}
