import type { RateResultView } from '../../server/plans/plans.schemas';
import { formatRate, NO_VALUE } from '../format';

export function NoValue() {
  return (
    <>
      <span aria-hidden="true">{NO_VALUE}</span>
      <span className="visually-hidden">なし</span>
    </>
  );
}

/** 見込み (counts expected values) and 仮定値 (rests on an assumed figure), in words. */
export function RateMarkers({ result }: { result: Pick<RateResultView, 'projection' | 'hypothetical'> }) {
  return (
    <>
      {result.projection && <span className="marker marker--projection">見込み</span>}
      {result.hypothetical && <span className="marker marker--hypothetical">仮定値</span>}
    </>
  );
}

/** A rate as the API shows it, one decimal, with its markers; — when there is none. */
export function RateValue({
  result,
  size = 'normal',
}: {
  result: RateResultView | null | undefined;
  size?: 'normal' | 'large';
}) {
  if (!result) {
    return (
      <span className={size === 'large' ? 'rate rate--none rate--large' : 'rate rate--none'}>
        <NoValue />
      </span>
    );
  }
  return (
    <span className="rate-value">
      <span className={size === 'large' ? 'rate rate--large' : 'rate'}>{formatRate(result.shown)}</span>
      <RateMarkers result={result} />
    </span>
  );
}
