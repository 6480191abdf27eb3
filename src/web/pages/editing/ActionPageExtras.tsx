import { lazy, Suspense } from 'react';
import type { PlanRef } from './ActionPageSections';

// Below the evaluation, and not needed to read it: loaded after the page's own code.
const ActionPageSections = lazy(async () => ({
  default: (await import('./ActionPageSections')).ActionPageSections,
}));

/** The action page's editing link, comments and history (one line in ActionPage.tsx renders this). */
export function ActionPageExtras({ plan, actionKey }: { plan: PlanRef; actionKey: string }) {
  return (
    <Suspense fallback={<p role="status">コメントと変更履歴を読み込んでいます…</p>}>
      <ActionPageSections plan={plan} actionKey={actionKey} />
    </Suspense>
  );
}
