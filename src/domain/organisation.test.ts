import { describe, expect, test } from 'vitest';
import {
  checkStatedMeetingCounts,
  countMeetingsByFiscalYear,
  describeMember,
  diffRosterLines,
  findRosterAsOf,
  type RosterMember,
  sortMembersByRole,
} from './organisation.js';

const departmentName = (id: string) => ({ d1: 'デジタル戦略課', d2: '総合政策課' })[id] ?? id;

describe('members', () => {
  test('an internal member reads as the organisation chart prints it, with its mark', () => {
    const leader: RosterMember = {
      kind: 'internal',
      departmentId: 'd1',
      post: null,
      role: 'leader',
      personName: null,
      note: null,
    };
    const post: RosterMember = { ...leader, departmentId: null, post: '技監', role: 'deputy' };

    expect(describeMember({ member: leader, bodyKind: 'team', departmentName })).toBe('◎デジタル戦略課');
    expect(describeMember({ member: post, bodyKind: 'team', departmentName })).toBe('○技監');
  });

  test('an external member reads with its category and the body’s name for the role (会長)', () => {
    const chair: RosterMember = {
      kind: 'external',
      organisation: '九州工業大学',
      category: '1号委員',
      role: 'leader',
      personName: null,
      note: null,
    };

    expect(describeMember({ member: chair, bodyKind: 'council', departmentName })).toBe(
      '1号委員 九州工業大学（会長）',
    );
  });

  test('members are listed leader, deputy, then members in their own order', () => {
    const sorted = sortMembersByRole([
      { role: 'member' as const, name: 'a' },
      { role: 'deputy' as const, name: 'b' },
      { role: 'member' as const, name: 'c' },
      { role: 'leader' as const, name: 'd' },
    ]);

    expect(sorted.map((member) => member.name)).toEqual(['d', 'b', 'a', 'c']);
  });
});

describe('rosters', () => {
  test('the roster in force on a date is the latest one dated on or before it', () => {
    const rosters = [{ asOf: '2023-04-01' }, { asOf: '2024-04-05' }, { asOf: '2023-01-05' }];

    expect(findRosterAsOf(rosters, '2024-01-01')?.asOf).toBe('2023-04-01');
    expect(findRosterAsOf(rosters, '2024-04-05')?.asOf).toBe('2024-04-05');
    expect(findRosterAsOf(rosters, '2022-12-31')).toBeNull();
  });

  test('a change of roster lists who joined and who left, counting two 公募委員 apart', () => {
    const diff = diffRosterLines({
      before: ['3号委員 公募委員', '3号委員 公募委員', '2号委員 嘉麻市商工会'],
      after: ['3号委員 公募委員', '2号委員 嘉麻商工会議所', '2号委員 嘉麻市商工会'],
    });

    expect(diff).toEqual({ added: ['2号委員 嘉麻商工会議所'], removed: ['3号委員 公募委員'] });
  });
});

describe('meeting counts', () => {
  test('held meetings are counted per fiscal year; planned ones are not', () => {
    const counts = countMeetingsByFiscalYear([
      { date: '2024-03-27', status: 'held' },
      { date: '2024-04-16', status: 'held' },
      { date: '2024-06-26', status: 'planned' },
      { date: '2025-03-26', status: 'held' },
    ]);

    expect(counts).toEqual([
      { fy: 2023, count: 1 },
      { fy: 2024, count: 2 },
    ]);
  });

  test('嘉麻市: 協議会 12回 stands as stated while no meeting of R4.10–R6.3 is recorded', () => {
    const [check] = checkStatedMeetingCounts({
      stated: [{ from: '2022-10-01', to: '2024-03-31', count: 12, source: null }],
      meetings: [{ date: '2024-06-26', status: 'planned' }],
    });

    expect(check).toMatchObject({ count: 12, recorded: null, differs: false, message: null });
  });

  test('once meetings of the period are recorded, a different count is flagged', () => {
    const [check] = checkStatedMeetingCounts({
      stated: [{ from: '2022-10-01', to: '2024-03-31', count: 17, source: null }],
      meetings: [
        { date: '2022-10-17', status: 'held' },
        { date: '2023-02-20', status: 'held' },
      ],
    });

    expect(check).toMatchObject({ recorded: 2, differs: true });
    expect(check!.message).toBe(
      '資料の開催回数 17回（令和4年10月1日〜令和6年3月31日）は、記録された会議 2回 と一致しません',
    );
  });
});
