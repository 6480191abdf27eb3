import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import type { EffectOptions } from '../../../server/effects/effects.schemas';
import type { BodyList, MeetingList } from '../../../server/organisation/organisation.schemas';
import { useCan } from '../../auth/session';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { ErrorState, Loading } from '../../components/StatusViews';
import { formatPageTitle } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { useI18n } from '../../i18n/i18n';
import { PlanText } from '../../i18n/PlanText';
import { bodiesQuery, effectOptionsQuery, meetingsQuery, municipalityPath } from '../effects/effects.api';
import { DifferenceMarker, useMunicipalityName } from '../effects/shared';
import { BodyForm, MeetingForm } from './OrganisationForms';
import { useOrganisationText } from './organisation-text';

/** 第13回 定例会, as the meeting list prints a meeting's number and title. */
function meetingName(meeting: { number: string | null; title: string | null }): string {
  return [meeting.number, meeting.title].filter(Boolean).join(' ');
}

/** The bodies that run the plan, their current rosters, and meetings counted per fiscal year. */
export function OrganisationPage({ municipalityId }: { municipalityId: string }) {
  const bodies = useQuery(bodiesQuery(municipalityId));
  const meetings = useQuery(meetingsQuery(municipalityId));
  const options = useQuery(effectOptionsQuery(municipalityId));
  const { t } = useOrganisationText();
  const error = bodies.error ?? meetings.error ?? options.error;
  if (error) return <ErrorState error={error} subject="list" onRetry={() => void bodies.refetch()} />;
  if (!bodies.data || !meetings.data || !options.data) return <Loading label={t('org.loading')} />;
  return (
    <OrganisationView
      municipalityId={municipalityId}
      list={bodies.data}
      meetings={meetings.data}
      options={options.data}
    />
  );
}

function OrganisationView({
  municipalityId,
  list,
  meetings,
  options,
}: {
  municipalityId: string;
  list: BodyList;
  meetings: MeetingList;
  options: EffectOptions;
}) {
  const municipalityName = useMunicipalityName(municipalityId);
  const { t: tShell } = useI18n();
  const { t, formatDate, formatFy, formatMeetings, formatMembers, formatKind } = useOrganisationText();
  const title = t('org.titleOf', { municipality: municipalityName });
  useDocumentTitle(formatPageTitle(title));
  const canEdit = useCan('organisation.edit', { municipalityId });
  const [creating, setCreating] = useState<'body' | 'meeting' | null>(null);
  const navigate = useNavigate();
  const names = new Map(list.bodies.map((body) => [body.id, body.name]));
  const csv = (table: string) => `${municipalityPath(municipalityId)}/organisation/csv/${table}`;

  return (
    <>
      <Breadcrumbs
        items={[
          { key: 'home', content: <Link to="/">{tShell('nav.plans')}</Link> },
          { key: 'organisation', content: title },
        ]}
      />
      <h1>
        <span className="heading-prefix">
          <PlanText>{municipalityName}</PlanText>
        </span>
        {t('org.title')}
      </h1>
      <p className="lead">{t('org.lead')}</p>
      <p>
        <Link to="/municipalities/$municipalityId/effects" params={{ municipalityId }}>
          {t('org.effectsLink')}
        </Link>
      </p>
      <ul className="link-list">
        <li>
          <a href={csv('bodies')} download>
            {t('org.csvBodies')}
          </a>
        </li>
        <li>
          <a href={csv('members')} download>
            {t('org.csvMembers')}
          </a>
        </li>
        <li>
          <a href={csv('meetings')} download>
            {t('org.csvMeetings')}
          </a>
        </li>
        <li>
          <a href={csv('meeting-counts')} download>
            {t('org.csvCounts')}
          </a>
        </li>
      </ul>

      <section className="section" aria-labelledby="bodies-heading">
        <h2 id="bodies-heading">{t('org.bodiesHeading')}</h2>
        {list.bodies.length === 0 ? (
          <p>{t('org.noBodies')}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="bodies">
              <caption className="visually-hidden">{t('org.bodiesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('org.colBody')}</th>
                  <th scope="col">{t('org.colKind')}</th>
                  <th scope="col">{t('org.colParent')}</th>
                  <th scope="col">{t('org.colRoster')}</th>
                  {list.years.map((fy) => (
                    <th scope="col" className="numeric" key={fy}>
                      {t('org.colHeldIn', { fy: formatFy(fy) })}
                    </th>
                  ))}
                  <th scope="col" className="numeric">
                    {t('org.colPlanned')}
                  </th>
                  <th scope="col">{t('org.colStated')}</th>
                </tr>
              </thead>
              <tbody>
                {list.bodies.map((body) => (
                  <tr key={body.id} data-testid={`body-${body.name}`}>
                    <th scope="row">
                      <Link
                        to="/municipalities/$municipalityId/organisation/bodies/$bodyId"
                        params={{ municipalityId, bodyId: body.id }}
                      >
                        <PlanText>
                          {body.number}
                          {body.name}
                        </PlanText>
                      </Link>
                    </th>
                    <td>{formatKind(body.kind)}</td>
                    <td>{body.parentId ? <PlanText>{names.get(body.parentId)}</PlanText> : '—'}</td>
                    <td>
                      {body.currentRoster
                        ? t('org.rosterAsOf', {
                            date: formatDate(body.currentRoster.asOf),
                            count: formatMembers(body.currentRoster.memberCount),
                          })
                        : '—'}
                    </td>
                    {list.years.map((fy) => (
                      <td className="numeric" key={fy}>
                        {t('common.cellCount', {
                          count: body.meetingCounts.find((count) => count.fy === fy)?.count ?? 0,
                        })}
                      </td>
                    ))}
                    <td className="numeric">{t('common.cellCount', { count: body.plannedCount })}</td>
                    <td>
                      {body.statedMeetingCounts.length === 0
                        ? '—'
                        : body.statedMeetingCounts.map((stated) => (
                            <span className="stated-count" key={`${stated.from}-${stated.to}`}>
                              {t('org.statedCount', {
                                count: formatMeetings(stated.count),
                                from: formatDate(stated.from),
                                to: formatDate(stated.to),
                              })}
                              {stated.recorded === null ? (
                                <span className="cell-note">{t('org.statedNotRecorded')}</span>
                              ) : stated.differs ? (
                                <>
                                  <DifferenceMarker
                                    label={t('stated.differs', {
                                      count: formatMeetings(stated.count),
                                      from: formatDate(stated.from),
                                      to: formatDate(stated.to),
                                      recorded: formatMeetings(stated.recorded),
                                    })}
                                  />
                                  <span className="cell-note">
                                    {t('org.statedRecorded', { recorded: formatMeetings(stated.recorded) })}
                                  </span>
                                </>
                              ) : (
                                <span className="cell-note">{t('org.statedMatches')}</span>
                              )}
                            </span>
                          ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {canEdit && (
          <p>
            <button
              type="button"
              className="button button--secondary"
              aria-expanded={creating === 'body'}
              onClick={() => setCreating(creating === 'body' ? null : 'body')}
            >
              {t('org.createBody')}
            </button>
          </p>
        )}
        {creating === 'body' && (
          <BodyForm
            municipalityId={municipalityId}
            bodies={list.bodies}
            departments={options.departments}
            onDone={(detail) =>
              void navigate({
                to: '/municipalities/$municipalityId/organisation/bodies/$bodyId',
                params: { municipalityId, bodyId: detail.body.id },
              })
            }
          />
        )}
      </section>

      <section className="section" aria-labelledby="meetings-heading">
        <h2 id="meetings-heading">{t('org.meetingsHeading')}</h2>
        {meetings.meetings.length === 0 ? (
          <p>{t('org.noMeetings')}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="meetings">
              <caption className="visually-hidden">{t('org.meetingsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('org.colDate')}</th>
                  <th scope="col">{t('org.colBody')}</th>
                  <th scope="col">{t('org.colNumberTitle')}</th>
                  <th scope="col">{t('org.colStatus')}</th>
                  <th scope="col">{t('org.colAgenda')}</th>
                </tr>
              </thead>
              <tbody>
                {meetings.meetings.map((meeting) => (
                  <tr key={meeting.id}>
                    <th scope="row">{formatDate(meeting.date)}</th>
                    <td>
                      <Link
                        to="/municipalities/$municipalityId/organisation/bodies/$bodyId"
                        params={{ municipalityId, bodyId: meeting.bodyId }}
                      >
                        <PlanText>{meeting.bodyName}</PlanText>
                      </Link>
                    </td>
                    <td>{meetingName(meeting) ? <PlanText>{meetingName(meeting)}</PlanText> : '—'}</td>
                    <td>{t(`status.${meeting.status}`)}</td>
                    <td className="preserve-lines">
                      {meeting.agenda === null ? '—' : <PlanText>{meeting.agenda}</PlanText>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {canEdit && list.bodies.length > 0 && (
          <p>
            <button
              type="button"
              className="button button--secondary"
              aria-expanded={creating === 'meeting'}
              onClick={() => setCreating(creating === 'meeting' ? null : 'meeting')}
            >
              {t('org.createMeeting')}
            </button>
          </p>
        )}
        {creating === 'meeting' && (
          <MeetingForm
            municipalityId={municipalityId}
            bodies={list.bodies}
            options={options}
            onDone={() => setCreating(null)}
          />
        )}
      </section>
    </>
  );
}
