import { useQuery } from '@tanstack/react-query';
import { actionEvidenceQuery } from './api';
import { EvidenceList } from './EvidenceEditor';

/** The action page's gallery: the photos and files its departments attached during the rounds. */
export function ActionEvidenceGallery({ planId, actionKey }: { planId: string; actionKey: string }) {
  const query = useQuery(actionEvidenceQuery(planId, actionKey));
  if (!query.data || query.data.evidence.length === 0) return null;
  const photos = query.data.evidence.filter((item) => item.kind === 'photo');
  const files = query.data.evidence.filter((item) => item.kind === 'file');
  return (
    <section className="section" aria-labelledby="action-evidence" data-testid="action-evidence">
      <h2 id="action-evidence">取組の写真・資料</h2>
      {photos.length > 0 && (
        <>
          <h3>写真（{photos.length}枚）</h3>
          <EvidenceList evidence={photos} />
        </>
      )}
      {files.length > 0 && (
        <>
          <h3>資料（{files.length}件）</h3>
          <EvidenceList evidence={files} />
        </>
      )}
    </section>
  );
}
