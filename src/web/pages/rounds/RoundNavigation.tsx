import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useSession } from '../../auth/session';
import { openRoundsQuery } from './api';

/**
 * The header's links for rounds: "進捗入力" straight to the clerk's own page while a round is open, the
 * office's status board, and the notification settings. List items, for the header's navigation list.
 */
export function RoundNavigation() {
  const session = useSession();
  const query = useQuery({ ...openRoundsQuery(), enabled: session !== null });
  if (!session) return null;
  const rounds = query.data?.rounds ?? [];
  const targets = rounds.flatMap((round) => round.departments.map((department) => ({ round, department })));
  const managed = rounds.filter((round) =>
    session.memberships.some(
      (membership) =>
        membership.municipality.id === round.municipalityId &&
        membership.abilities.some((ability) => ability.permission === 'round.manage'),
    ),
  );
  const settings = session.memberships.filter((membership) =>
    membership.abilities.some((ability) => ability.permission === 'settings.manage'),
  );
  const [target] = targets;
  const [board] = managed;
  return (
    <>
      {targets.length === 1 && target && (
        <li>
          <Link
            to="/plans/$planId/rounds/$roundId/departments/$departmentId"
            params={{
              planId: target.round.planId,
              roundId: target.round.id,
              departmentId: target.department.id,
            }}
            className="site-header__round-link"
          >
            進捗入力（{target.department.name}）
          </Link>
        </li>
      )}
      {targets.length > 1 && target && (
        <li>
          <Link
            to="/plans/$planId"
            params={{ planId: target.round.planId }}
            hash="rounds"
            className="site-header__round-link"
          >
            進捗入力（{targets.length}課）
          </Link>
        </li>
      )}
      {managed.length === 1 && board && (
        <li>
          <Link to="/plans/$planId/rounds/$roundId" params={{ planId: board.planId, roundId: board.id }}>
            提出状況
          </Link>
        </li>
      )}
      {settings.length === 1 && settings[0] && (
        <li>
          <Link
            to="/municipalities/$municipalityId/settings/notifications"
            params={{ municipalityId: settings[0].municipality.id }}
          >
            通知設定
          </Link>
        </li>
      )}
    </>
  );
}
