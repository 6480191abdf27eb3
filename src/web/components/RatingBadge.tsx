import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { translateRatingLabel } from '../../domain/locale';
import { createRatingTones, type RatingTone, type RatingView } from '../format';
import { useI18n } from '../i18n/i18n';

const RatingTonesContext = createContext<ReadonlyMap<string, RatingTone>>(new Map());

/** Gives the badges below it their colours, from the plan's own list of labels (its scale may differ). */
export function RatingScale({ ratings, children }: { ratings: RatingView[]; children: ReactNode }) {
  const tones = useMemo(() => createRatingTones(ratings), [ratings]);
  return <RatingTonesContext value={tones}>{children}</RatingTonesContext>;
}

const JAPANESE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * A label badge: the colour helps, the text carries the meaning. On an English screen a default label is
 * translated; a label the city named itself stays as written and is marked as Japanese.
 */
export function RatingBadge({ rating, size = 'normal' }: { rating: RatingView; size?: 'normal' | 'large' }) {
  const { locale } = useI18n();
  const tones = useContext(RatingTonesContext);
  const tone = tones.get(rating.key) ?? (rating.kind === 'unrated' ? 'unrated' : 'status');
  const className = `badge badge--${tone}${size === 'large' ? ' badge--large' : ''}`;
  const label = translateRatingLabel({ rating, locale });
  const isJapanese = locale === 'en' && JAPANESE_SCRIPT.test(label);
  return (
    <span className={className} {...(isJapanese && { lang: 'ja' })}>
      {label}
    </span>
  );
}
