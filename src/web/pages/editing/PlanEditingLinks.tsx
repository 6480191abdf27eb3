import { Link } from '@tanstack/react-router';
import { useCan } from '../../auth/session';

/** On the plan page: editing (DX office) and the plan's history (everyone who reads it). */
export function PlanEditingLinks({ plan }: { plan: { id: string; municipality: { id: string } } }) {
  const canEdit = useCan('plan.edit', { municipalityId: plan.municipality.id });
  return (
    <ul className="link-list plan-editing-links">
      {canEdit && (
        <li>
          <Link className="button" to="/plans/$planId/edit" params={{ planId: plan.id }}>
            計画を編集する
          </Link>
        </li>
      )}
      <li>
        <Link to="/plans/$planId/history" params={{ planId: plan.id }}>
          変更履歴
        </Link>
      </li>
    </ul>
  );
}
