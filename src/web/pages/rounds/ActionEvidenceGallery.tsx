import { useQuery } from '@tanstack/react-query';
import { useAreaMessages } from '../../i18n/i18n';
import { actionEvidenceQuery } from './api';
import { EvidenceList } from './EvidenceEditor';
import { roundsMessages } from './rounds.messages';

/** The action page's gallery: the photos and files its departments attached during the rounds. */
export function ActionEvidenceGallery({ planId, actionKey }: { planId: string; actionKey: string }) {
  const { t } = useAreaMessages(roundsMessages);
  const query = useQuery(actionEvidenceQuery(planId, actionKey));
  if (!query.data || query.data.evidence.length === 0) return null;
  const photos = query.data.evidence.filter((item) => item.kind === 'photo');
  const files = query.data.evidence.filter((item) => item.kind === 'file');
  return (
    <section className="section" aria-labelledby="action-evidence" data-testid="action-evidence">
      <h2 id="action-evidence">{t('gallery.heading')}</h2>
      {photos.length > 0 && (
        <>
          <h3>{t('gallery.photos', { count: photos.length })}</h3>
          <EvidenceList evidence={photos} />
        </>
      )}
      {files.length > 0 && (
        <>
          <h3>{t('gallery.files', { count: files.length })}</h3>
          <EvidenceList evidence={files} />
        </>
      )}
    </section>
  );
}
