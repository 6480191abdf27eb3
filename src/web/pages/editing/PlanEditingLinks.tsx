import { Link } from '@tanstack/react-router';
import { useCan } from '../../auth/session';
import { useAreaMessages } from '../../i18n/i18n';
import { editingMessages } from './editing.messages';

/** On the plan page: editing (DX office) and the plan's history (everyone who reads it). */
export function PlanEditingLinks({ plan }: { plan: { id: string; municipality: { id: string } } }) {
  const { t } = useAreaMessages(editingMessages);
  const canEdit = useCan('plan.edit', { municipalityId: plan.municipality.id });
  return (
    <ul className="link-list plan-editing-links">
      {canEdit && (
        <li>
          <Link className="button" to="/plans/$planId/edit" params={{ planId: plan.id }}>
            {t('links.editPlan')}
          </Link>
        </li>
      )}
      <li>
        <Link to="/plans/$planId/history" params={{ planId: plan.id }}>
          {t('common.history')}
        </Link>
      </li>
    </ul>
  );
}
