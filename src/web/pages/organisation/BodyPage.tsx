import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { formatFiscalYear, formatJapaneseDate } from '../../../domain/fiscal-year';
import { bodyKindLabels, meetingStatusLabels, memberRoleSymbols } from '../../../domain/organisation';
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
import {
  bodiesQuery,
  bodyQuery,
  effectOptionsQuery,
  municipalityPath,
  organisationKey,
} from '../effects/effects.api';
import { DifferenceMarker, LinkedActions, useMunicipalityName } from '../effects/shared';
import { BodyForm, MeetingForm, RosterForm } from './OrganisationForms';

export function BodyPage({ municipalityId, bodyId }: { municipalityId: string; bodyId: string }) {
  const detail = useQuery(bodyQuery(municipalityId, bodyId));
  const bodies = useQuery(bodiesQuery(municipalityId));
  const options = useQuery(effectOptionsQuery(municipalityId));
  const error = detail.error ?? bodies.error ?? options.error;
  if (error) return <ErrorState error={error} subject="list" onRetry={() => void detail.refetch()} />;
  if (!detail.data || !bodies.data || !options.data) return <Loading label="会議体を読み込んでいます…" />;
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
  useDocumentTitle(formatPageTitle(body.name, `${municipalityName} 推進体制・会議`));
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
          { key: 'home', content: <Link to="/">計画一覧</Link> },
          {
            key: 'organisation',
            content: (
              <Link to="/municipalities/$municipalityId/organisation" params={{ municipalityId }}>
                {municipalityName} 推進体制・会議
              </Link>
            ),
          },
          { key: 'body', content: body.name },
        ]}
      />
      <p className="eyebrow">
        {municipalityName} {bodyKindLabels[body.kind]}
      </p>
      <h1>
        {body.number}
        {body.name}
      </h1>
      <table className="data-table key-value">
        <caption className="visually-hidden">{body.name}の概要</caption>
        <tbody>
          <tr>
            <th scope="row">種類</th>
            <td>{bodyKindLabels[body.kind]}</td>
          </tr>
          <tr>
            <th scope="row">上位の会議体</th>
            <td>
              {detail.parent ? (
                <Link
                  to="/municipalities/$municipalityId/organisation/bodies/$bodyId"
                  params={{ municipalityId, bodyId: detail.parent.id }}
                >
                  {detail.parent.name}
                </Link>
              ) : (
                <NoValue />
              )}
            </td>
          </tr>
          <tr>
            <th scope="row">所掌</th>
            <td className="preserve-lines">{body.remit ?? <NoValue />}</td>
          </tr>
          <tr>
            <th scope="row">組織構成</th>
            <td>{body.composition ?? <NoValue />}</td>
          </tr>
          <tr>
            <th scope="row">設置日</th>
            <td>{body.establishedOn ? formatJapaneseDate(body.establishedOn) : <NoValue />}</td>
          </tr>
          <tr>
            <th scope="row">事務局</th>
            <td>{body.secretariat?.name ?? <NoValue />}</td>
          </tr>
          {body.source && (
            <tr>
              <th scope="row">出典</th>
              <td>{body.source}</td>
            </tr>
          )}
          {body.note && (
            <tr>
              <th scope="row">備考</th>
              <td className="preserve-lines">{body.note}</td>
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
            会議体の情報を編集
          </button>
          <button
            type="button"
            className="button button--danger button--small"
            disabled={archive.isPending}
            onClick={() => {
              if (
                window.confirm(
                  `「${body.name}」を削除します。よろしいですか？（名簿・会議・変更履歴は残ります）`,
                )
              )
                archive.mutate();
            }}
          >
            この会議体を削除
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
          <h2 id="children-heading">下に置かれた会議体</h2>
          <ul>
            {detail.children.map((child) => (
              <li key={child.id}>
                <Link
                  to="/municipalities/$municipalityId/organisation/bodies/$bodyId"
                  params={{ municipalityId, bodyId: child.id }}
                >
                  {child.number}
                  {child.name}
                </Link>
                （{bodyKindLabels[child.kind]}）
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="section" aria-labelledby="roster-heading">
        <h2 id="roster-heading">名簿</h2>
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
          <p>名簿はまだ登録されていません。</p>
        )}
        {canEdit && (
          <p>
            <button
              type="button"
              className="button button--secondary"
              aria-expanded={editing === 'new-roster'}
              onClick={() => toggle('new-roster')}
            >
              {current ? '名簿を改定する（新しい時点の名簿）' : '名簿を登録する'}
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
            <h3>名簿の履歴</h3>
            {history.map((roster) => (
              <details className="disclosure" key={roster.id}>
                <summary>
                  {formatJapaneseDate(roster.asOf)}現在の名簿（{roster.members.length}人）
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
        <h2 id="meeting-counts-heading">開催回数</h2>
        {meetingCounts.length === 0 ? (
          <p>開催された会議は記録されていません。</p>
        ) : (
          <table className="data-table data-table--compact">
            <caption className="visually-hidden">年度ごとの開催回数</caption>
            <thead>
              <tr>
                <th scope="col">年度</th>
                <th scope="col" className="numeric">
                  開催回数
                </th>
              </tr>
            </thead>
            <tbody>
              {meetingCounts.map((count) => (
                <tr key={count.fy}>
                  <th scope="row">{formatFiscalYear(count.fy)}</th>
                  <td className="numeric">{count.count}回</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {body.statedMeetingCounts.map((stated) => (
          <p key={`${stated.from}-${stated.to}`}>
            資料に記載の開催回数：{stated.count}回（{formatJapaneseDate(stated.from)}〜
            {formatJapaneseDate(stated.to)}）
            {stated.recorded === null ? (
              '。この期間の会議は個別に記録されていません。'
            ) : stated.differs ? (
              <>
                <DifferenceMarker />
                {stated.message}
              </>
            ) : (
              '。記録された会議の回数と一致しています。'
            )}
            {stated.source && <span className="cell-note">出典: {stated.source}</span>}
          </p>
        ))}
      </section>

      <section className="section" aria-labelledby="body-meetings-heading">
        <h2 id="body-meetings-heading">会議</h2>
        {meetings.length === 0 ? (
          <p>会議はまだ記録されていません。</p>
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
              会議を登録
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
  const external = roster.members.some((member) => member.kind === 'external');
  const title = `${formatJapaneseDate(roster.asOf)}現在の名簿`;
  return (
    <div className="roster" data-testid={current ? 'current-roster' : undefined}>
      {current && <h3>{title}</h3>}
      <div className="table-scroll">
        <table className="data-table">
          <caption className="visually-hidden">
            {body.name} {title}
          </caption>
          <thead>
            <tr>
              {external && <th scope="col">区分</th>}
              <th scope="col">{external ? '団体・所属' : '所属・役職'}</th>
              <th scope="col">役割</th>
              <th scope="col">氏名</th>
              <th scope="col">備考</th>
            </tr>
          </thead>
          <tbody>
            {roster.members.map((member) => (
              <tr
                key={`${member.line}-${member.note ?? ''}-${roster.members.filter((other) => other.line === member.line).indexOf(member)}`}
              >
                {external && <td>{member.kind === 'external' ? (member.category ?? '') : ''}</td>}
                <th scope="row">
                  {member.kind === 'internal' ? (member.post ?? member.departmentName) : member.organisation}
                </th>
                <td>
                  <span aria-hidden="true">
                    {member.kind === 'internal' ? memberRoleSymbols[member.role] : ''}
                  </span>
                  {member.roleLabel}
                </td>
                <td>{member.personName ?? <NoValue />}</td>
                <td>{member.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {roster.changes && (roster.changes.added.length > 0 || roster.changes.removed.length > 0) && (
        <p className="cell-note">
          前の名簿からの変更：追加 {roster.changes.added.join('、') || 'なし'}／外れた人{' '}
          {roster.changes.removed.join('、') || 'なし'}
        </p>
      )}
      {roster.source && <p className="cell-note">出典: {roster.source}</p>}
      {roster.note && <p className="cell-note">{roster.note}</p>}
      {canEdit && (
        <div className="inline-actions">
          <button
            type="button"
            className="button button--small button--secondary"
            aria-expanded={correcting}
            onClick={() => setCorrecting(!correcting)}
          >
            この名簿を修正<span className="visually-hidden">（{title}）</span>
          </button>
          <button
            type="button"
            className="button button--small button--danger"
            disabled={archive.isPending}
            onClick={() => {
              if (window.confirm(`${title}を削除します。よろしいですか？（変更履歴は残ります）`))
                archive.mutate();
            }}
          >
            この名簿を削除<span className="visually-hidden">（{title}）</span>
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
  const name = [meeting.number, meeting.title].filter(Boolean).join(' ');
  const heading = `${formatJapaneseDate(meeting.date)}${name ? ` ${name}` : ''}`;
  return (
    <article className="meeting-card" aria-label={heading}>
      <h3>
        {heading}
        <span className={meeting.status === 'planned' ? 'marker marker--projection' : 'marker'}>
          {meetingStatusLabels[meeting.status]}
        </span>
      </h3>
      <dl className="summary-list">
        {(meeting.startTime || meeting.place) && (
          <div>
            <dt>時間・場所</dt>
            <dd>
              {[meeting.startTime && `${meeting.startTime}〜${meeting.endTime ?? ''}`, meeting.place]
                .filter(Boolean)
                .join(' ')}
            </dd>
          </div>
        )}
        {meeting.agenda && (
          <div>
            <dt>議題</dt>
            <dd className="preserve-lines">{meeting.agenda}</dd>
          </div>
        )}
        {meeting.decisions && (
          <div>
            <dt>決定事項</dt>
            <dd className="preserve-lines">{meeting.decisions}</dd>
          </div>
        )}
        {meeting.actions.length > 0 && (
          <div>
            <dt>連携アクション</dt>
            <dd>
              <LinkedActions actions={meeting.actions} />
            </dd>
          </div>
        )}
        {meeting.note && (
          <div>
            <dt>備考</dt>
            <dd>{meeting.note}</dd>
          </div>
        )}
      </dl>
      {meeting.minutes && (
        <details className="disclosure">
          <summary>議事録</summary>
          <p className="preserve-lines">{meeting.minutes}</p>
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
            編集<span className="visually-hidden">（{heading}）</span>
          </button>
          <button
            type="button"
            className="button button--small button--danger"
            disabled={archive.isPending}
            onClick={() => {
              if (window.confirm(`会議（${heading}）を削除します。よろしいですか？（変更履歴は残ります）`))
                archive.mutate();
            }}
          >
            削除<span className="visually-hidden">（{heading}）</span>
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
