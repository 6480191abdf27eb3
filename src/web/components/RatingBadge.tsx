import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { createRatingTones, type RatingTone, type RatingView } from '../format';

const RatingTonesContext = createContext<ReadonlyMap<string, RatingTone>>(new Map());

/** Gives the badges below it their colours, from the plan's own list of labels (its scale may differ). */
export function RatingScale({ ratings, children }: { ratings: RatingView[]; children: ReactNode }) {
  const tones = useMemo(() => createRatingTones(ratings), [ratings]);
  return <RatingTonesContext value={tones}>{children}</RatingTonesContext>;
}

/** A label badge: the colour helps, the text carries the meaning. */
export function RatingBadge({ rating, size = 'normal' }: { rating: RatingView; size?: 'normal' | 'large' }) {
  const tones = useContext(RatingTonesContext);
  const tone = tones.get(rating.key) ?? (rating.kind === 'unrated' ? 'unrated' : 'status');
  const className = `badge badge--${tone}${size === 'large' ? ' badge--large' : ''}`;
  return <span className={className}>{rating.label}</span>;
}
