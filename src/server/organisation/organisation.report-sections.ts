import type { Database } from '../../db/database.js';
import { formatFiscalYear, formatJapaneseDate } from '../../domain/fiscal-year.js';
import { bodyKindLabels, meetingStatusLabels, memberRoleSymbols } from '../../domain/organisation.js';
import type { Actor } from '../../domain/policy.js';
import {
  numberCell,
  type ReportCell,
  type ReportNote,
  type ReportSection,
  textCell,
} from '../effects/effects.report-sections.js';
import type { BodyList, MeetingView, RosterView } from './organisation.schemas.js';
import { findBodies, findMeetings, getBodyDetail } from './organisation.usecases.js';

/*
 * The organisation as report sections (format-neutral, see effects.report-sections.ts): the bodies and
 * their remits, each body's current roster, meetings held per fiscal year beside the counts documents
 * state, and the meetings themselves.
 */

type Body = BodyList['bodies'][number];

function dateCell(isoDate: string | null): ReportCell {
  return isoDate ? { value: isoDate, text: formatJapaneseDate(isoDate) } : textCell(null);
}

export function buildBodiesSection({ bodies }: { bodies: readonly Body[] }): ReportSection {
  const names = new Map(bodies.map((body) => [body.id, body.name]));
  return {
    key: 'organisation:bodies',
    kind: 'roster',
    title: '推進体制（会議体）',
    subtitle: null,
    columns: [
      { key: 'number', label: '番号', kind: 'text', unit: null },
      { key: 'name', label: '名称', kind: 'text', unit: null },
      { key: 'kind', label: '種類', kind: 'text', unit: null },
      { key: 'parent', label: '上位の会議体', kind: 'text', unit: null },
      { key: 'remit', label: '所掌', kind: 'text', unit: null },
      { key: 'composition', label: '組織構成', kind: 'text', unit: null },
      { key: 'establishedOn', label: '設置日', kind: 'date', unit: null },
      { key: 'secretariat', label: '事務局', kind: 'text', unit: null },
    ],
    rows: bodies.map((body) => [
      textCell(body.number),
      textCell(body.name),
      textCell(bodyKindLabels[body.kind]),
      textCell(body.parentId ? (names.get(body.parentId) ?? null) : null),
      textCell(body.remit),
      textCell(body.composition),
      dateCell(body.establishedOn),
      textCell(body.secretariat?.name ?? null),
    ]),
    totals: [],
    notes: [],
  };
}

const memberColumns: ReportSection['columns'] = [
  { key: 'body', label: '会議体', kind: 'text', unit: null },
  { key: 'asOf', label: '名簿の時点', kind: 'date', unit: null },
  { key: 'category', label: '区分', kind: 'text', unit: null },
  { key: 'unit', label: '所属・団体', kind: 'text', unit: null },
  { key: 'role', label: '役割', kind: 'text', unit: null },
  { key: 'personName', label: '氏名', kind: 'text', unit: null },
  { key: 'note', label: '備考', kind: 'text', unit: null },
];

function memberRows({ bodyName, roster }: { bodyName: string; roster: RosterView }): ReportCell[][] {
  return roster.members.map((member) => [
    textCell(bodyName),
    dateCell(roster.asOf),
    textCell(member.kind === 'external' ? member.category : null),
    textCell(member.kind === 'internal' ? (member.post ?? member.departmentName) : member.organisation),
    member.kind === 'internal'
      ? { value: member.roleLabel, text: `${memberRoleSymbols[member.role]}${member.roleLabel}` }
      : textCell(member.roleLabel),
    textCell(member.personName),
    textCell(member.note),
  ]);
}

export function buildRosterSection({
  bodyName,
  roster,
}: {
  bodyName: string;
  roster: RosterView;
}): ReportSection {
  const notes: ReportNote[] = [];
  if (roster.changes && (roster.changes.added.length > 0 || roster.changes.removed.length > 0)) {
    notes.push({
      kind: 'note',
      text: `前回の名簿からの変更: 追加 ${roster.changes.added.join('、') || 'なし'}／削除 ${roster.changes.removed.join('、') || 'なし'}`,
    });
  }
  if (roster.source) notes.push({ kind: 'source', text: `出典: ${roster.source}` });
  if (roster.note) notes.push({ kind: 'note', text: roster.note });
  return {
    key: `roster:${roster.id}`,
    kind: 'roster',
    title: `${bodyName} 名簿`,
    subtitle: `${formatJapaneseDate(roster.asOf)}現在`,
    columns: memberColumns,
    rows: memberRows({ bodyName, roster }),
    totals: [],
    notes,
  };
}

export function buildMeetingCountsSection({
  bodies,
  years,
}: {
  bodies: readonly Body[];
  years: readonly number[];
}): ReportSection {
  return {
    key: 'organisation:meeting-counts',
    kind: 'meeting_counts',
    title: '会議の開催回数（年度別）',
    subtitle: null,
    columns: [
      { key: 'body', label: '会議体', kind: 'text', unit: null },
      ...years.map((fy) => ({
        key: `fy${fy}`,
        label: formatFiscalYear(fy),
        kind: 'number' as const,
        unit: '回',
      })),
      { key: 'planned', label: '開催予定', kind: 'number', unit: '回' },
      { key: 'stated', label: '資料記載の開催回数', kind: 'text', unit: null },
    ],
    rows: bodies.map((body) => [
      textCell(body.name),
      ...years.map((fy) => numberCell(body.meetingCounts.find((count) => count.fy === fy)?.count ?? 0)),
      numberCell(body.plannedCount),
      textCell(
        body.statedMeetingCounts
          .map(
            (stated) =>
              `${stated.count}回（${formatJapaneseDate(stated.from)}〜${formatJapaneseDate(stated.to)}${
                stated.recorded === null ? '、会議の記録なし' : ''
              }）`,
          )
          .join('、') || null,
      ),
    ]),
    totals: [],
    notes: bodies.flatMap((body) =>
      body.statedMeetingCounts.flatMap((stated) => [
        ...(stated.differs && stated.message
          ? [{ kind: 'stated_differs' as const, text: `${body.name}: ${stated.message}` }]
          : []),
        ...(stated.recorded === null
          ? [
              {
                kind: 'note' as const,
                text: `${body.name}: 資料記載の${stated.count}回は、個々の会議が記録されていない期間の回数です${stated.source ? `（出典: ${stated.source}）` : ''}`,
              },
            ]
          : []),
      ]),
    ),
  };
}

export function buildMeetingsSection({ meetings }: { meetings: readonly MeetingView[] }): ReportSection {
  return {
    key: 'organisation:meetings',
    kind: 'meetings',
    title: '会議の開催状況',
    subtitle: null,
    columns: [
      { key: 'date', label: '開催日', kind: 'date', unit: null },
      { key: 'fy', label: '年度', kind: 'text', unit: null },
      { key: 'body', label: '会議体', kind: 'text', unit: null },
      { key: 'number', label: '回', kind: 'text', unit: null },
      { key: 'title', label: '件名', kind: 'text', unit: null },
      { key: 'status', label: '状態', kind: 'text', unit: null },
      { key: 'place', label: '場所', kind: 'text', unit: null },
      { key: 'agenda', label: '議題', kind: 'text', unit: null },
      { key: 'decisions', label: '決定事項', kind: 'text', unit: null },
      { key: 'actions', label: '連携アクション', kind: 'text', unit: null },
    ],
    rows: meetings.map((meeting) => [
      dateCell(meeting.date),
      { value: meeting.fy, text: formatFiscalYear(meeting.fy) },
      textCell(meeting.bodyName),
      textCell(meeting.number),
      textCell(meeting.title),
      textCell(meetingStatusLabels[meeting.status]),
      textCell(meeting.place),
      textCell(meeting.agenda),
      textCell(meeting.decisions),
      textCell(meeting.actions.map((action) => `${action.number} ${action.title}`).join('、') || null),
    ]),
    totals: [],
    notes: [],
  };
}

/** Every organisation section of the municipality, for the council report. */
export async function buildOrganisationReportSections({
  db,
  actor,
  municipalityId,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
}): Promise<ReportSection[]> {
  const list = await findBodies({ db, actor, municipalityId });
  const { meetings } = await findMeetings({ db, actor, municipalityId });
  const sections: ReportSection[] = [buildBodiesSection({ bodies: list.bodies })];
  for (const body of list.bodies) {
    if (!body.currentRoster) continue;
    const detail = await getBodyDetail({ db, actor, municipalityId, bodyId: body.id });
    const current = detail.rosters[0];
    if (current) sections.push(buildRosterSection({ bodyName: body.name, roster: current }));
  }
  sections.push(buildMeetingCountsSection({ bodies: list.bodies, years: list.years }));
  sections.push(buildMeetingsSection({ meetings }));
  return sections;
}

/** One organisation table as a section for its CSV: bodies, all current members, meetings, or counts. */
export async function buildOrganisationCsvSection({
  db,
  actor,
  municipalityId,
  table,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  table: 'bodies' | 'members' | 'meetings' | 'meeting-counts';
}): Promise<ReportSection> {
  const list = await findBodies({ db, actor, municipalityId });
  if (table === 'bodies') return buildBodiesSection({ bodies: list.bodies });
  if (table === 'meeting-counts')
    return buildMeetingCountsSection({ bodies: list.bodies, years: list.years });
  if (table === 'meetings') return buildMeetingsSection(await findMeetings({ db, actor, municipalityId }));
  const rows: ReportCell[][] = [];
  for (const body of list.bodies) {
    if (!body.currentRoster) continue;
    const detail = await getBodyDetail({ db, actor, municipalityId, bodyId: body.id });
    const current = detail.rosters[0];
    if (current) rows.push(...memberRows({ bodyName: body.name, roster: current }));
  }
  return {
    key: 'organisation:members',
    kind: 'roster',
    title: '会議体の委員・構成員（現在の名簿）',
    subtitle: null,
    columns: memberColumns,
    rows,
    totals: [],
    notes: [],
  };
}
