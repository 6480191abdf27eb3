import type { RateResultView } from '../../server/plans/plans.schemas';
import { formatRate, NO_VALUE } from '../format';
import { useI18n } from '../i18n/i18n';

export function NoValue() {
  const { t } = useI18n();
  return (
    <>
      <span aria-hidden="true">{NO_VALUE}</span>
      <span className="visually-hidden">{t('common.none')}</span>
    </>
  );
}

/** 見込み (counts expected values) and 仮定値 (rests on an assumed figure), in words. */
export function RateMarkers({ result }: { result: Pick<RateResultView, 'projection' | 'hypothetical'> }) {
  const { t } = useI18n();
  return (
    <>
      {result.projection && <span className="marker marker--projection">{t('common.projection')}</span>}
      {result.hypothetical && <span className="marker marker--hypothetical">{t('common.hypothetical')}</span>}
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
