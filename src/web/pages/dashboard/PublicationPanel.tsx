import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { DashboardResponse } from '../../../server/dashboard/dashboard.schemas';
import { sendJson } from '../../api';
import { useCan } from '../../auth/session';
import { FormError } from '../../components/Form';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n/i18n';
import { publicationPath } from './dashboard-api';

/** Publish the plan on the public portal, or withdraw it (the DX office only). */
export function PublicationPanel({ plan }: { plan: DashboardResponse['plan'] }) {
  const { t, locale } = useI18n();
  const canPublish = useCan('plan.publish', { municipalityId: plan.municipality.id });
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const mutation = useMutation({
    mutationFn: (change: 'publish' | 'withdraw') =>
      sendJson<{ publishedAt: string | null; publicPath: string }>('POST', publicationPath(plan.id, change)),
    onSuccess: () => {
      setConfirming(false);
      void queryClient.invalidateQueries({ queryKey: ['plans', plan.id] });
    },
  });
  const published = plan.publishedAt !== null;

  return (
    <section className="section" aria-labelledby="publication">
      <h2 id="publication">{t('publication.title')}</h2>
      <p role="status">
        {published
          ? t('publication.published', { date: formatDateTime({ iso: plan.publishedAt!, locale }) })
          : t('publication.unpublished')}
      </p>
      {published && (
        <p>
          {t('publication.address')} <a href={plan.publicPath}>{plan.publicPath}</a>
        </p>
      )}
      <p className="muted">{t('publication.lead')}</p>
      {canPublish && (
        <div className="publication-actions">
          <FormError error={mutation.error} />
          {!confirming ? (
            <button type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
              {published ? t('publication.withdraw') : t('publication.publish')}
            </button>
          ) : (
            <div className="confirm-box">
              <p>{published ? t('publication.confirmWithdraw') : t('publication.confirmPublish')}</p>
              <button
                type="button"
                className="button"
                disabled={mutation.isPending}
                onClick={() => mutation.mutate(published ? 'withdraw' : 'publish')}
              >
                {published ? t('publication.withdrawNow') : t('publication.publishNow')}
              </button>{' '}
              <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
