import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { formatFiscalYear, formatJapaneseDate } from '../../../domain/fiscal-year';
import { bodyKindLabels, meetingStatusLabels } from '../../../domain/organisation';
import type { EffectOptions } from '../../../server/effects/effects.schemas';
import type { BodyList, MeetingList } from '../../../server/organisation/organisation.schemas';
import { useCan } from '../../auth/session';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { ErrorState, Loading } from '../../components/StatusViews';
import { formatPageTitle } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { bodiesQuery, effectOptionsQuery, meetingsQuery, municipalityPath } from '../effects/effects.api';
import { DifferenceMarker, useMunicipalityName } from '../effects/shared';
import { BodyForm, MeetingForm } from './OrganisationForms';

/** The bodies that run the plan, their current rosters, and meetings counted per fiscal year. */
export function OrganisationPage({ municipalityId }: { municipalityId: string }) {
  const bodies = useQuery(bodiesQuery(municipalityId));
  const meetings = useQuery(meetingsQuery(municipalityId));
  const options = useQuery(effectOptionsQuery(municipalityId));
  const error = bodies.error ?? meetings.error ?? options.error;
  if (error) return <ErrorState error={error} subject="list" onRetry={() => void bodies.refetch()} />;
  if (!bodies.data || !meetings.data || !options.data) return <Loading label="推進体制を読み込んでいます…" />;
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
  useDocumentTitle(formatPageTitle(`${municipalityName} 推進体制・会議`));
  const canEdit = useCan('organisation.edit', { municipalityId });
  const [creating, setCreating] = useState<'body' | 'meeting' | null>(null);
  const navigate = useNavigate();
  const names = new Map(list.bodies.map((body) => [body.id, body.name]));
  const csv = (table: string) => `${municipalityPath(municipalityId)}/organisation/csv/${table}`;

  return (
    <>
      <Breadcrumbs
        items={[
          { key: 'home', content: <Link to="/">計画一覧</Link> },
          { key: 'organisation', content: `${municipalityName} 推進体制・会議` },
        ]}
      />
      <h1>
        <span className="heading-prefix">{municipalityName}</span>推進体制・会議
      </h1>
      <p className="lead">
        推進本部・協議会・プロジェクトチームなどの会議体と、その所掌・名簿（時点ごとの履歴）・会議を記録します。開催回数は年度ごとに記録された会議から数え、資料に書かれた回数はそのまま並べて表示します。
      </p>
      <p>
        <Link to="/municipalities/$municipalityId/effects" params={{ municipalityId }}>
          効果・予算へ
        </Link>
      </p>
      <ul className="link-list">
        <li>
          <a href={csv('bodies')} download>
            会議体の一覧（CSV）
          </a>
        </li>
        <li>
          <a href={csv('members')} download>
            構成員（現在の名簿、CSV）
          </a>
        </li>
        <li>
          <a href={csv('meetings')} download>
            会議の開催状況（CSV）
          </a>
        </li>
        <li>
          <a href={csv('meeting-counts')} download>
            開催回数（CSV）
          </a>
        </li>
      </ul>

      <section className="section" aria-labelledby="bodies-heading">
        <h2 id="bodies-heading">会議体と開催回数</h2>
        {list.bodies.length === 0 ? (
          <p>会議体はまだ登録されていません。</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="bodies">
              <caption className="visually-hidden">会議体と年度ごとの開催回数</caption>
              <thead>
                <tr>
                  <th scope="col">会議体</th>
                  <th scope="col">種類</th>
                  <th scope="col">上位</th>
                  <th scope="col">名簿</th>
                  {list.years.map((fy) => (
                    <th scope="col" className="numeric" key={fy}>
                      {formatFiscalYear(fy)}の開催
                    </th>
                  ))}
                  <th scope="col" className="numeric">
                    開催予定
                  </th>
                  <th scope="col">資料に記載の開催回数</th>
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
                        {body.number}
                        {body.name}
                      </Link>
                    </th>
                    <td>{bodyKindLabels[body.kind]}</td>
                    <td>{body.parentId ? names.get(body.parentId) : '—'}</td>
                    <td>
                      {body.currentRoster
                        ? `${formatJapaneseDate(body.currentRoster.asOf)}現在 ${body.currentRoster.memberCount}人`
                        : '—'}
                    </td>
                    {list.years.map((fy) => (
                      <td className="numeric" key={fy}>
                        {body.meetingCounts.find((count) => count.fy === fy)?.count ?? 0}回
                      </td>
                    ))}
                    <td className="numeric">{body.plannedCount}回</td>
                    <td>
                      {body.statedMeetingCounts.length === 0
                        ? '—'
                        : body.statedMeetingCounts.map((stated) => (
                            <span className="stated-count" key={`${stated.from}-${stated.to}`}>
                              {stated.count}回（{formatJapaneseDate(stated.from)}〜
                              {formatJapaneseDate(stated.to)}）
                              {stated.recorded === null ? (
                                <span className="cell-note">この期間の会議は個別に記録されていません</span>
                              ) : stated.differs ? (
                                <>
                                  <DifferenceMarker label={stated.message ?? ''} />
                                  <span className="cell-note">記録された会議は{stated.recorded}回</span>
                                </>
                              ) : (
                                <span className="cell-note">記録された会議と一致</span>
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
              会議体を登録
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
        <h2 id="meetings-heading">会議</h2>
        {meetings.meetings.length === 0 ? (
          <p>会議はまだ記録されていません。</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="meetings">
              <caption className="visually-hidden">会議の一覧</caption>
              <thead>
                <tr>
                  <th scope="col">開催日</th>
                  <th scope="col">会議体</th>
                  <th scope="col">回・件名</th>
                  <th scope="col">状態</th>
                  <th scope="col">議題</th>
                </tr>
              </thead>
              <tbody>
                {meetings.meetings.map((meeting) => (
                  <tr key={meeting.id}>
                    <th scope="row">{formatJapaneseDate(meeting.date)}</th>
                    <td>
                      <Link
                        to="/municipalities/$municipalityId/organisation/bodies/$bodyId"
                        params={{ municipalityId, bodyId: meeting.bodyId }}
                      >
                        {meeting.bodyName}
                      </Link>
                    </td>
                    <td>{[meeting.number, meeting.title].filter(Boolean).join(' ') || '—'}</td>
                    <td>{meetingStatusLabels[meeting.status]}</td>
                    <td className="preserve-lines">{meeting.agenda ?? '—'}</td>
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
              会議を登録
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
