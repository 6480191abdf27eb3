import { Link } from '@tanstack/react-router';
import { can } from '../../../domain/policy';
import { toActor, useSession } from '../../auth/session';
import { useAreaMessages } from '../../i18n/i18n';
import { editingMessages } from './editing.messages';

/** On the home page, for whoever may create a plan somewhere: the way to a new plan. */
export function PlanCreateLink() {
  const { t } = useAreaMessages(editingMessages);
  const session = useSession();
  if (!session) return null;
  const actor = toActor(session);
  const editable = session.memberships.filter((membership) =>
    can(actor, 'plan.edit', { municipalityId: membership.municipality.id }),
  );
  if (editable.length === 0 && !session.user.superAdmin) return null;
  return (
    <ul className="link-list">
      <li>
        <Link className="button" to="/plans/new">
          {t('links.createPlan')}
        </Link>
      </li>
      {editable.map((membership) => (
        <li key={membership.municipality.id}>
          <Link
            to="/municipalities/$municipalityId/departments"
            params={{ municipalityId: membership.municipality.id }}
          >
            {editable.length > 1
              ? t('links.departmentsOf', { municipality: membership.municipality.name })
              : t('common.departments')}
          </Link>
        </li>
      ))}
    </ul>
  );
}
