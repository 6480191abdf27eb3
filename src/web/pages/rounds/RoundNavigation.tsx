import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useSession } from '../../auth/session';
import { fillNodes } from '../../i18n/fill-nodes';
import { useAreaMessages } from '../../i18n/i18n';
import { PlanText } from '../../i18n/PlanText';
import { openRoundsQuery } from './api';
import { roundsMessages } from './rounds.messages';

/**
 * The header's links for rounds: "進捗入力" straight to the clerk's own page while a round is open, the
 * office's status board, and the notification settings. List items, for the header's navigation list.
 */
export function RoundNavigation() {
  const { t } = useAreaMessages(roundsMessages);
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
            {fillNodes(t('nav.entryOne'), {
              department: <PlanText>{target.department.name}</PlanText>,
            })}
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
            {t('nav.entryMany', { count: targets.length })}
          </Link>
        </li>
      )}
      {managed.length === 1 && board && (
        <li>
          <Link to="/plans/$planId/rounds/$roundId" params={{ planId: board.planId, roundId: board.id }}>
            {t('nav.board')}
          </Link>
        </li>
      )}
      {settings.length === 1 && settings[0] && (
        <li>
          <Link
            to="/municipalities/$municipalityId/settings/notifications"
            params={{ municipalityId: settings[0].municipality.id }}
          >
            {t('nav.notifications')}
          </Link>
        </li>
      )}
    </>
  );
}
