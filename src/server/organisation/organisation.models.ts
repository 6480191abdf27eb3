import { fiscalYearOfDate } from '../../domain/fiscal-year.js';
import {
  checkStatedMeetingCounts,
  describeMember,
  diffRosterLines,
  memberRoleLabels,
  type RosterMember,
  sortMembersByRole,
} from '../../domain/organisation.js';
import type { DepartmentRef } from '../effects/effects.repository.js';
import type { LinkedAction } from '../effects/effects.schemas.js';
import type { BodyRow, MeetingRow, RosterRow } from './organisation.repository.js';
import type { BodyView, MeetingView, RosterMemberView, RosterView } from './organisation.schemas.js';

/* Rows → views of bodies, rosters and meetings, for the pages, the CSV and the report sections. */

export function toBodyView({
  row,
  departments,
  meetings,
}: {
  row: BodyRow;
  departments: Map<string, DepartmentRef>;
  meetings: readonly MeetingRow[];
}): BodyView {
  const secretariat = row.secretariatDepartmentId ? departments.get(row.secretariatDepartmentId) : undefined;
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    number: row.number,
    parentId: row.parentId,
    remit: row.remit,
    composition: row.composition,
    establishedOn: row.establishedOn,
    secretariat: secretariat ? { id: secretariat.id, key: secretariat.key, name: secretariat.name } : null,
    statedMeetingCounts: checkStatedMeetingCounts({ stated: row.statedMeetingCounts, meetings }),
    source: row.source,
    note: row.note,
    position: row.position,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toMemberView({
  member,
  body,
  departments,
}: {
  member: RosterMember;
  body: Pick<BodyRow, 'kind'>;
  departments: Map<string, DepartmentRef>;
}): RosterMemberView {
  const departmentName = (id: string) => departments.get(id)?.name ?? '（不明な課）';
  const line = describeMember({ member, bodyKind: body.kind, departmentName });
  const roleLabel = memberRoleLabels[body.kind][member.role];
  if (member.kind === 'internal') {
    return {
      ...member,
      departmentName: member.departmentId ? departmentName(member.departmentId) : null,
      roleLabel,
      line,
    };
  }
  return { ...member, departmentName: null, roleLabel, line };
}

/** Rosters newest first, each with who joined and left since the one before it. */
export function toRosterViews({
  rows,
  body,
  departments,
}: {
  rows: readonly RosterRow[];
  body: Pick<BodyRow, 'kind'>;
  departments: Map<string, DepartmentRef>;
}): RosterView[] {
  const sorted = [...rows].sort((a, b) => b.asOf.localeCompare(a.asOf));
  const views = sorted.map((row) => ({
    row,
    members: sortMembersByRole(row.members).map((member) => toMemberView({ member, body, departments })),
  }));
  return views.map(({ row, members }, index) => {
    const previous = views[index + 1];
    return {
      id: row.id,
      asOf: row.asOf,
      source: row.source,
      note: row.note,
      version: row.version,
      members,
      changes: previous
        ? diffRosterLines({
            before: previous.members.map((member) => member.line),
            after: members.map((member) => member.line),
          })
        : null,
    };
  });
}

export function toMeetingView({
  row,
  bodyName,
  actions,
}: {
  row: MeetingRow;
  bodyName: string;
  actions: LinkedAction[];
}): MeetingView {
  return {
    id: row.id,
    bodyId: row.bodyId,
    bodyName,
    date: row.date,
    fy: fiscalYearOfDate(row.date),
    startTime: row.startTime,
    endTime: row.endTime,
    number: row.number,
    title: row.title,
    place: row.place,
    status: row.status,
    agenda: row.agenda,
    minutes: row.minutes,
    decisions: row.decisions,
    note: row.note,
    version: row.version,
    actions,
  };
}
