import { lazy, Suspense } from 'react';
import { useAreaMessages } from '../../i18n/i18n';
import type { PlanRef } from './ActionPageSections';
import { editingMessages } from './editing.messages';

// Below the evaluation, and not needed to read it: loaded after the page's own code.
const ActionPageSections = lazy(async () => ({
  default: (await import('./ActionPageSections')).ActionPageSections,
}));

/** The action page's editing link, comments and history (one line in ActionPage.tsx renders this). */
export function ActionPageExtras({ plan, actionKey }: { plan: PlanRef; actionKey: string }) {
  const { t } = useAreaMessages(editingMessages);
  return (
    <Suspense fallback={<p role="status">{t('sections.loading')}</p>}>
      <ActionPageSections plan={plan} actionKey={actionKey} />
    </Suspense>
  );
}
