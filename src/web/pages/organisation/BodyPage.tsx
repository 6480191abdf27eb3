import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { memberRoleSymbols } from '../../../domain/organisation';
import type { EffectOptions } from '../../../server/effects/effects.schemas';
import type {
  BodyDetail,
  BodyList,
  MeetingView,
  RosterView,
} from '../../../server/organisation/organisation.schemas';
import { sendJson } from '../../api';
import { useCan } from '../../auth/session';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { FormError } from '../../components/Form';
import { NoValue } from '../../components/RateValue';
import { ErrorState, Loading } from '../../components/StatusViews';
import { formatPageTitle } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { useI18n } from '../../i18n/i18n';
import { PlanText } from '../../i18n/PlanText';
import {
  bodiesQuery,
  bodyQuery,
  effectOptionsQuery,
  municipalityPath,
  organisationKey,
} from '../effects/effects.api';
import { DifferenceMarker, LinkedActions, useMunicipalityName } from '../effects/shared';
import { BodyForm, MeetingForm, RosterForm } from './OrganisationForms';
import { useOrganisationText } from './organisation-text';

export function BodyPage({ municipalityId, bodyId }: { municipalityId: string; bodyId: string }) {
  const detail = useQuery(bodyQuery(municipalityId, bodyId));
  const bodies = useQuery(bodiesQuery(municipalityId));
  const options = useQuery(effectOptionsQuery(municipalityId));
  const { t } = useOrganisationText();
  const error = detail.error ?? bodies.error ?? options.error;
  if (error) return <ErrorState error={error} subject="list" onRetry={() => void detail.refetch()} />;
  if (!detail.data || !bodies.data || !options.data) return <Loading label={t('body.loading')} />;
  return (
    <BodyView
      municipalityId={municipalityId}
      detail={detail.data}
      bodies={bodies.data}
      options={options.data}
    />
  );
}

function BodyView({
  municipalityId,
  detail,
  bodies,
  options,
}: {
  municipalityId: string;
  detail: BodyDetail;
  bodies: BodyList;
  options: EffectOptions;
}) {
  const { body, rosters, meetings, meetingCounts } = detail;
  const municipalityName = useMunicipalityName(municipalityId);
  const { t: tShell } = useI18n();
  const { t, tWith, formatDate, formatFy, formatMeetings, formatMembers, formatKind } = useOrganisationText();
  const organisationTitle = t('org.titleOf', { municipality: municipalityName });
  useDocumentTitle(formatPageTitle(body.name, organisationTitle));
  const canEdit = useCan('organisation.edit', { municipalityId });
  const [editing, setEditing] = useState<'body' | 'new-roster' | 'meeting' | null>(null);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const archive = useMutation({
    mutationFn: () =>
      sendJson('POST', `${municipalityPath(municipalityId)}/bodies/${encodeURIComponent(body.id)}/archive`, {
        version: body.version,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: organisationKey(municipalityId) });
      void navigate({ to: '/municipalities/$municipalityId/organisation', params: { municipalityId } });
    },
  });
  const toggle = (what: 'body' | 'new-roster' | 'meeting') => setEditing(editing === what ? null : what);
  const [current, ...history] = rosters;

  return (
    <>
      <Breadcrumbs
        items={[
          { key: 'home', content: <Link to="/">{tShell('nav.plans')}</Link> },
          {
            key: 'organisation',
            content: (
              <Link to="/municipalities/$municipalityId/organisation" params={{ municipalityId }}>
                {organisationTitle}
              </Link>
            ),
          },
          { key: 'body', content: <PlanText>{body.name}</PlanText> },
        ]}
      />
      <p className="eyebrow">
        <PlanText>{municipalityName}</PlanText> {formatKind(body.kind)}
      </p>
      <h1>
        <PlanText>
          {body.number}
          {body.name}
        </PlanText>
      </h1>
      <table className="data-table key-value">
        <caption className="visually-hidden">
          {tWith('body.summaryCaption', { name: <PlanText>{body.name}</PlanText> })}
        </caption>
        <tbody>
          <tr>
            <th scope="row">{t('body.kind')}</th>
            <td>{formatKind(body.kind)}</td>
          </tr>
          <tr>
            <th scope="row">{t('body.parent')}</th>
            <td>
              {detail.parent ? (
                <Link
                  to="/municipalities/$municipalityId/organisation/bodies/$bodyId"
                  params={{ municipalityId, bodyId: detail.parent.id }}
                >
                  <PlanText>{detail.parent.name}</PlanText>
                </Link>
              ) : (
                <NoValue />
              )}
            </td>
          </tr>
          <tr>
            <th scope="row">{t('body.remit')}</th>
            <td className="preserve-lines">
              {body.remit === null ? <NoValue /> : <PlanText>{body.remit}</PlanText>}
            </td>
          </tr>
          <tr>
            <th scope="row">{t('body.composition')}</th>
            <td>{body.composition === null ? <NoValue /> : <PlanText>{body.composition}</PlanText>}</td>
          </tr>
          <tr>
            <th scope="row">{t('body.establishedOn')}</th>
            <td>{body.establishedOn ? formatDate(body.establishedOn) : <NoValue />}</td>
          </tr>
          <tr>
            <th scope="row">{t('body.secretariat')}</th>
            <td>{body.secretariat ? <PlanText>{body.secretariat.name}</PlanText> : <NoValue />}</td>
          </tr>
          {body.source && (
            <tr>
              <th scope="row">{t('body.source')}</th>
              <td>
                <PlanText>{body.source}</PlanText>
              </td>
            </tr>
          )}
          {body.note && (
            <tr>
              <th scope="row">{t('body.note')}</th>
              <td className="preserve-lines">
                <PlanText>{body.note}</PlanText>
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {canEdit && (
        <div className="toolbar">
          <button
            type="button"
            className="button button--secondary button--small"
            aria-expanded={editing === 'body'}
            onClick={() => toggle('body')}
          >
            {t('body.edit')}
          </button>
          <button
            type="button"
            className="button button--danger button--small"
            disabled={archive.isPending}
            onClick={() => {
              if (window.confirm(t('body.archiveConfirm', { name: body.name }))) archive.mutate();
            }}
          >
            {t('body.archive')}
          </button>
        </div>
      )}
      <FormError error={archive.error} />
      {editing === 'body' && (
        <BodyForm
          municipalityId={municipalityId}
          body={body}
          bodies={bodies.bodies}
          departments={options.departments}
          onDone={() => setEditing(null)}
        />
      )}

      {detail.children.length > 0 && (
        <section className="section" aria-labelledby="children-heading">
          <h2 id="children-heading">{t('body.childrenHeading')}</h2>
          <ul>
            {detail.children.map((child) => (
              <li key={child.id}>
                <Link
                  to="/municipalities/$municipalityId/organisation/bodies/$bodyId"
                  params={{ municipalityId, bodyId: child.id }}
                >
                  <PlanText>
                    {child.number}
                    {child.name}
                  </PlanText>
                </Link>
                {t('body.childKind', { kind: formatKind(child.kind) })}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="section" aria-labelledby="roster-heading">
        <h2 id="roster-heading">{t('body.rosterHeading')}</h2>
        {current ? (
          <RosterTable
            municipalityId={municipalityId}
            body={body}
            roster={current}
            departments={options.departments}
            canEdit={canEdit}
            current
          />
        ) : (
          <p>{t('body.noRoster')}</p>
        )}
        {canEdit && (
          <p>
            <button
              type="button"
              className="button button--secondary"
              aria-expanded={editing === 'new-roster'}
              onClick={() => toggle('new-roster')}
            >
              {current ? t('body.reviseRoster') : t('body.createRoster')}
            </button>
          </p>
        )}
        {editing === 'new-roster' && (
          <RosterForm
            municipalityId={municipalityId}
            body={body}
            {...(current && { startFrom: current })}
            departments={options.departments}
            onDone={() => setEditing(null)}
          />
        )}
        {history.length > 0 && (
          <>
            <h3>{t('body.rosterHistory')}</h3>
            {history.map((roster) => (
              <details className="disclosure" key={roster.id}>
                <summary>
                  {t('body.pastRoster', {
                    date: formatDate(roster.asOf),
                    count: formatMembers(roster.members.length),
                  })}
                </summary>
                <RosterTable
                  municipalityId={municipalityId}
                  body={body}
                  roster={roster}
                  departments={options.departments}
                  canEdit={canEdit}
                />
              </details>
            ))}
          </>
        )}
      </section>

      <section className="section" aria-labelledby="meeting-counts-heading">
        <h2 id="meeting-counts-heading">{t('body.countsHeading')}</h2>
        {meetingCounts.length === 0 ? (
          <p>{t('body.noCounts')}</p>
        ) : (
          <table className="data-table data-table--compact">
            <caption className="visually-hidden">{t('body.countsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('body.colFiscalYear')}</th>
                <th scope="col" className="numeric">
                  {t('body.colCount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {meetingCounts.map((count) => (
                <tr key={count.fy}>
                  <th scope="row">{formatFy(count.fy)}</th>
                  <td className="numeric">{t('common.cellCount', { count: count.count })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {body.statedMeetingCounts.map((stated) => {
          const period = {
            count: formatMeetings(stated.count),
            from: formatDate(stated.from),
            to: formatDate(stated.to),
          };
          return (
            <p key={`${stated.from}-${stated.to}`}>
              {stated.recorded === null ? (
                t('body.statedNotRecorded', period)
              ) : stated.differs ? (
                <>
                  {t('body.statedDiffers', period)}
                  <DifferenceMarker />
                  {t('stated.differs', { ...period, recorded: formatMeetings(stated.recorded) })}
                </>
              ) : (
                t('body.statedMatches', period)
              )}
              {stated.source && (
                <span className="cell-note">
                  {t('common.sourceLabel')}
                  <PlanText>{stated.source}</PlanText>
                </span>
              )}
            </p>
          );
        })}
      </section>

      <section className="section" aria-labelledby="body-meetings-heading">
        <h2 id="body-meetings-heading">{t('body.meetingsHeading')}</h2>
        {meetings.length === 0 ? (
          <p>{t('body.noMeetings')}</p>
        ) : (
          meetings.map((meeting) => (
            <MeetingCard
              key={meeting.id}
              municipalityId={municipalityId}
              meeting={meeting}
              bodies={bodies.bodies}
              options={options}
              canEdit={canEdit}
            />
          ))
        )}
        {canEdit && (
          <p>
            <button
              type="button"
              className="button button--secondary"
              aria-expanded={editing === 'meeting'}
              onClick={() => toggle('meeting')}
            >
              {t('body.createMeeting')}
            </button>
          </p>
        )}
        {editing === 'meeting' && (
          <MeetingForm
            municipalityId={municipalityId}
            bodyId={body.id}
            bodies={bodies.bodies}
            options={options}
            onDone={() => setEditing(null)}
          />
        )}
      </section>
    </>
  );
}

function RosterTable({
  municipalityId,
  body,
  roster,
  departments,
  canEdit,
  current = false,
}: {
  municipalityId: string;
  body: BodyDetail['body'];
  roster: RosterView;
  departments: EffectOptions['departments'];
  canEdit: boolean;
  current?: boolean;
}) {
  const [correcting, setCorrecting] = useState(false);
  const queryClient = useQueryClient();
  const archive = useMutation({
    mutationFn: () =>
      sendJson<BodyDetail>(
        'POST',
        `${municipalityPath(municipalityId)}/bodies/${encodeURIComponent(body.id)}/rosters/${encodeURIComponent(roster.id)}/archive`,
        { version: roster.version },
      ),
    onSuccess: (detail) => {
      queryClient.setQueryData([...organisationKey(municipalityId), 'bodies', body.id], detail);
      void queryClient.invalidateQueries({ queryKey: organisationKey(municipalityId) });
    },
  });
  const { t, formatDate, formatRole } = useOrganisationText();
  const external = roster.members.some((member) => member.kind === 'external');
  const title = t('roster.title', { date: formatDate(roster.asOf) });
  return (
    <div className="roster" data-testid={current ? 'current-roster' : undefined}>
      {current && <h3>{title}</h3>}
      <div className="table-scroll">
        <table className="data-table">
          <caption className="visually-hidden">
            <PlanText>{body.name}</PlanText> {title}
          </caption>
          <thead>
            <tr>
              {external && <th scope="col">{t('roster.colCategory')}</th>}
              <th scope="col">{external ? t('roster.colOrganisation') : t('roster.colPost')}</th>
              <th scope="col">{t('roster.colRole')}</th>
              <th scope="col">{t('roster.colName')}</th>
              <th scope="col">{t('roster.colNote')}</th>
            </tr>
          </thead>
          <tbody>
            {roster.members.map((member) => (
              <tr
                key={`${member.line}-${member.note ?? ''}-${roster.members.filter((other) => other.line === member.line).indexOf(member)}`}
              >
                {external && (
                  <td>
                    {member.kind === 'external' && member.category !== null && (
                      <PlanText>{member.category}</PlanText>
                    )}
                  </td>
                )}
                <th scope="row">
                  <PlanText>
                    {member.kind === 'internal'
                      ? (member.post ?? member.departmentName)
                      : member.organisation}
                  </PlanText>
                </th>
                <td>
                  <span aria-hidden="true">
                    {member.kind === 'internal' ? memberRoleSymbols[member.role] : ''}
                  </span>
                  {formatRole(body.kind, member.role)}
                </td>
                <td>{member.personName === null ? <NoValue /> : <PlanText>{member.personName}</PlanText>}</td>
                <td>{member.note !== null && <PlanText>{member.note}</PlanText>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {roster.changes && (roster.changes.added.length > 0 || roster.changes.removed.length > 0) && (
        <p className="cell-note">
          {t('roster.changes')}
          {t('roster.added')} <MemberLines lines={roster.changes.added} />
          {t('roster.changeSeparator')}
          {t('roster.removed')} <MemberLines lines={roster.changes.removed} />
        </p>
      )}
      {roster.source && (
        <p className="cell-note">
          {t('common.sourceLabel')}
          <PlanText>{roster.source}</PlanText>
        </p>
      )}
      {roster.note && (
        <p className="cell-note">
          <PlanText>{roster.note}</PlanText>
        </p>
      )}
      {canEdit && (
        <div className="inline-actions">
          <button
            type="button"
            className="button button--small button--secondary"
            aria-expanded={correcting}
            onClick={() => setCorrecting(!correcting)}
          >
            {t('roster.correct')}
            <span className="visually-hidden">{t('common.hiddenSubject', { subject: title })}</span>
          </button>
          <button
            type="button"
            className="button button--small button--danger"
            disabled={archive.isPending}
            onClick={() => {
              if (window.confirm(t('roster.archiveConfirm', { date: formatDate(roster.asOf) })))
                archive.mutate();
            }}
          >
            {t('roster.archive')}
            <span className="visually-hidden">{t('common.hiddenSubject', { subject: title })}</span>
          </button>
        </div>
      )}
      <FormError error={archive.error} />
      {correcting && (
        <RosterForm
          municipalityId={municipalityId}
          body={body}
          roster={roster}
          departments={departments}
          onDone={() => setCorrecting(false)}
        />
      )}
    </div>
  );
}

function MeetingCard({
  municipalityId,
  meeting,
  bodies,
  options,
  canEdit,
}: {
  municipalityId: string;
  meeting: MeetingView;
  bodies: BodyList['bodies'];
  options: EffectOptions;
  canEdit: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const queryClient = useQueryClient();
  const archive = useMutation({
    mutationFn: () =>
      sendJson(
        'POST',
        `${municipalityPath(municipalityId)}/meetings/${encodeURIComponent(meeting.id)}/archive`,
        {
          version: meeting.version,
        },
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: organisationKey(municipalityId) }),
  });
  const { t, tWith, formatDate } = useOrganisationText();
  const name = [meeting.number, meeting.title].filter(Boolean).join(' ');
  const date = formatDate(meeting.date);
  const heading = name ? `${date} ${name}` : date;
  const headingText = (
    <>
      {date}
      {name && (
        <>
          {' '}
          <PlanText>{name}</PlanText>
        </>
      )}
    </>
  );
  return (
    <article className="meeting-card" aria-label={heading}>
      <h3>
        {headingText}
        <span className={meeting.status === 'planned' ? 'marker marker--projection' : 'marker'}>
          {t(`status.${meeting.status}`)}
        </span>
      </h3>
      <dl className="summary-list">
        {(meeting.startTime || meeting.place) && (
          <div>
            <dt>{t('meeting.timePlace')}</dt>
            <dd>
              {meeting.startTime &&
                t('meeting.time', { start: meeting.startTime, end: meeting.endTime ?? '' })}
              {meeting.startTime && meeting.place && ' '}
              {meeting.place && <PlanText>{meeting.place}</PlanText>}
            </dd>
          </div>
        )}
        {meeting.agenda && (
          <div>
            <dt>{t('meeting.agenda')}</dt>
            <dd className="preserve-lines">
              <PlanText>{meeting.agenda}</PlanText>
            </dd>
          </div>
        )}
        {meeting.decisions && (
          <div>
            <dt>{t('meeting.decisions')}</dt>
            <dd className="preserve-lines">
              <PlanText>{meeting.decisions}</PlanText>
            </dd>
          </div>
        )}
        {meeting.actions.length > 0 && (
          <div>
            <dt>{t('meeting.actions')}</dt>
            <dd>
              <LinkedActions actions={meeting.actions} />
            </dd>
          </div>
        )}
        {meeting.note && (
          <div>
            <dt>{t('meeting.note')}</dt>
            <dd>
              <PlanText>{meeting.note}</PlanText>
            </dd>
          </div>
        )}
      </dl>
      {meeting.minutes && (
        <details className="disclosure">
          <summary>{t('meeting.minutes')}</summary>
          <p className="preserve-lines">
            <PlanText>{meeting.minutes}</PlanText>
          </p>
        </details>
      )}
      {canEdit && (
        <div className="inline-actions">
          <button
            type="button"
            className="button button--small button--secondary"
            aria-expanded={editing}
            onClick={() => setEditing(!editing)}
          >
            {t('meeting.edit')}
            <span className="visually-hidden">{tWith('common.hiddenSubject', { subject: headingText })}</span>
          </button>
          <button
            type="button"
            className="button button--small button--danger"
            disabled={archive.isPending}
            onClick={() => {
              if (window.confirm(t('meeting.archiveConfirm', { heading }))) archive.mutate();
            }}
          >
            {t('meeting.archive')}
            <span className="visually-hidden">{tWith('common.hiddenSubject', { subject: headingText })}</span>
          </button>
        </div>
      )}
      <FormError error={archive.error} />
      {editing && (
        <MeetingForm
          municipalityId={municipalityId}
          bodies={bodies}
          meeting={meeting}
          options={options}
          onDone={() => setEditing(false)}
        />
      )}
    </article>
  );
}

/** Member lines that joined or left, as the roster prints them (◎防災対策課), or “none”. */
function MemberLines({ lines }: { lines: readonly string[] }) {
  const { t } = useOrganisationText();
  if (lines.length === 0) return t('common.none');
  return <PlanText>{lines.join(t('common.listSeparator'))}</PlanText>;
}
