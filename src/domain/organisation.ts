import { fiscalYearOfDate, formatJapaneseDate } from './fiscal-year.js';

/*
 * The bodies that run a plan (推進本部, 協議会, PT, WG, 委員会), their rosters as of a date (名簿) and
 * their meetings, counted per fiscal year.
 */

export const bodyKinds = ['headquarters', 'council', 'team', 'working_group', 'committee'] as const;
export type BodyKind = (typeof bodyKinds)[number];

export const bodyKindLabels: Record<BodyKind, string> = {
  headquarters: '推進本部',
  council: '協議会',
  team: 'プロジェクトチーム（PT）',
  working_group: 'ワーキンググループ（WG）',
  committee: '委員会',
};

export const memberRoles = ['leader', 'deputy', 'member'] as const;
export type MemberRole = (typeof memberRoles)[number];

/** How each kind of body names its leader, deputy and members (嘉麻市's PTs: ◎リーダー ○副リーダー ・委員). */
export const memberRoleLabels: Record<BodyKind, Record<MemberRole, string>> = {
  headquarters: { leader: '本部長', deputy: '副本部長', member: '本部員' },
  council: { leader: '会長', deputy: '副会長', member: '委員' },
  team: { leader: 'リーダー', deputy: '副リーダー', member: '委員' },
  working_group: { leader: 'グループ長', deputy: '副グループ長', member: 'メンバー' },
  committee: { leader: '委員長', deputy: '副委員長', member: '委員' },
};

/** The marks the seeds' organisation charts print before each member. */
export const memberRoleSymbols: Record<MemberRole, string> = { leader: '◎', deputy: '○', member: '・' };

export type RosterMember =
  | {
      kind: 'internal';
      /** The department (課) the member sits for; null for a post alone such as 技監. */
      departmentId: string | null;
      /** A post when the roster names one (福祉事務所長, 技監). */
      post: string | null;
      role: MemberRole;
      personName: string | null;
      note: string | null;
    }
  | {
      kind: 'external';
      /** 九州工業大学, 嘉麻市商工会, 公募委員. */
      organisation: string;
      /** The category the body's ordinance gives (1号委員). */
      category: string | null;
      role: MemberRole;
      personName: string | null;
      note: string | null;
    };

/** A member in one line: ◎デジタル戦略課, ○技監, 1号委員 九州工業大学（会長）. */
export function describeMember({
  member,
  bodyKind,
  departmentName,
}: {
  member: RosterMember;
  bodyKind: BodyKind;
  departmentName: (id: string) => string;
}): string {
  const person = member.personName ? ` ${member.personName}` : '';
  if (member.kind === 'internal') {
    const unit = member.post ?? (member.departmentId ? departmentName(member.departmentId) : '（所属なし）');
    return `${memberRoleSymbols[member.role]}${unit}${person}`;
  }
  const role = member.role === 'member' ? '' : `（${memberRoleLabels[bodyKind][member.role]}）`;
  const category = member.category ? `${member.category} ` : '';
  return `${category}${member.organisation}${person}${role}`;
}

/** Leader first, then deputy, then members, each group in the roster's own order. */
export function sortMembersByRole<T extends { role: MemberRole }>(members: readonly T[]): T[] {
  const rank: Record<MemberRole, number> = { leader: 0, deputy: 1, member: 2 };
  return members
    .map((member, index) => ({ member, index }))
    .sort((a, b) => rank[a.member.role] - rank[b.member.role] || a.index - b.index)
    .map((entry) => entry.member);
}

/** The roster in force on a date: the latest one dated on or before it. */
export function findRosterAsOf<T extends { asOf: string }>(rosters: readonly T[], date: string): T | null {
  let found: T | null = null;
  for (const roster of rosters) {
    if (roster.asOf <= date && (!found || roster.asOf >= found.asOf)) found = roster;
  }
  return found;
}

/** Who joined and who left between two rosters, member lines compared as the roster prints them. */
export function diffRosterLines({ before, after }: { before: readonly string[]; after: readonly string[] }): {
  added: string[];
  removed: string[];
} {
  const remaining = new Map<string, number>();
  for (const line of before) remaining.set(line, (remaining.get(line) ?? 0) + 1);
  const added: string[] = [];
  for (const line of after) {
    const count = remaining.get(line) ?? 0;
    if (count > 0) remaining.set(line, count - 1);
    else added.push(line);
  }
  const removed: string[] = [];
  for (const [line, count] of remaining) for (let i = 0; i < count; i++) removed.push(line);
  return { added, removed };
}

export const meetingStatuses = ['held', 'planned'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

export const meetingStatusLabels: Record<MeetingStatus, string> = { held: '開催', planned: '開催予定' };

/** Held meetings per fiscal year, years in order; a planned meeting is not counted until it is held. */
export function countMeetingsByFiscalYear(
  meetings: readonly { date: string; status: MeetingStatus }[],
): { fy: number; count: number }[] {
  const counts = new Map<number, number>();
  for (const meeting of meetings) {
    if (meeting.status !== 'held') continue;
    const fy = fiscalYearOfDate(meeting.date);
    counts.set(fy, (counts.get(fy) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([fy, count]) => ({ fy, count }));
}

export interface StatedMeetingCount {
  /** The period the document counts over (嘉麻市: 2022-10-01 … 2024-03-31). */
  from: string;
  to: string;
  count: number;
  source: string | null;
}

export interface StatedMeetingCountCheck extends StatedMeetingCount {
  /** Held meetings recorded in the period; null when none is recorded (the stated count stands alone). */
  recorded: number | null;
  differs: boolean;
  message: string | null;
}

/**
 * A count a document states (協議会 12回) is kept as stated while no meeting of the period is recorded;
 * once meetings are recorded, the recorded count is compared with it.
 */
export function checkStatedMeetingCounts({
  stated,
  meetings,
}: {
  stated: readonly StatedMeetingCount[];
  meetings: readonly { date: string; status: MeetingStatus }[];
}): StatedMeetingCountCheck[] {
  return stated.map((entry) => {
    const recorded = meetings.filter(
      (meeting) => meeting.status === 'held' && meeting.date >= entry.from && meeting.date <= entry.to,
    ).length;
    if (recorded === 0) return { ...entry, recorded: null, differs: false, message: null };
    const differs = recorded !== entry.count;
    return {
      ...entry,
      recorded,
      differs,
      message: differs
        ? `資料の開催回数 ${entry.count}回（${formatJapaneseDate(entry.from)}〜${formatJapaneseDate(entry.to)}）は、記録された会議 ${recorded}回 と一致しません`
        : null,
    };
  });
}
