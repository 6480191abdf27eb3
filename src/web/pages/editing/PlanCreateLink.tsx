import { Link } from '@tanstack/react-router';
import { can } from '../../../domain/policy';
import { toActor, useSession } from '../../auth/session';

/** On the home page, for whoever may create a plan somewhere: the way to a new plan. */
export function PlanCreateLink() {
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
          計画を新しく作成する
        </Link>
      </li>
      {editable.map((membership) => (
        <li key={membership.municipality.id}>
          <Link
            to="/municipalities/$municipalityId/departments"
            params={{ municipalityId: membership.municipality.id }}
          >
            部署の管理{editable.length > 1 ? `（${membership.municipality.name}）` : ''}
          </Link>
        </li>
      ))}
    </ul>
  );
}
