import { describe, expect, test } from 'vitest';
import { type Actor, can, listAbilities, permissions, readableMunicipalityIds } from './policy.js';

const CITY = 'city-1';
const OTHER_CITY = 'city-2';

function actorWith(role: 'admin' | 'editor' | 'viewer', departmentIds: string[] = []): Actor {
  return {
    userId: 'u',
    displayName: 'テスト',
    superAdmin: false,
    memberships: [{ municipalityId: CITY, role, departmentIds }],
  };
}

describe('can', () => {
  test('a visitor holds no permission at all', () => {
    for (const permission of permissions) {
      expect(can(null, permission, { municipalityId: CITY })).toBe(false);
    }
  });

  test('a super-admin holds every permission in every municipality', () => {
    const superAdmin: Actor = { userId: 's', displayName: '運用者', superAdmin: true, memberships: [] };
    for (const permission of permissions) {
      expect(can(superAdmin, permission, { municipalityId: OTHER_CITY })).toBe(true);
    }
  });

  test('nobody but a super-admin manages municipalities, not even an admin', () => {
    expect(can(actorWith('admin'), 'municipality.manage', { municipalityId: CITY })).toBe(false);
  });

  test('a role counts only in its own municipality', () => {
    expect(can(actorWith('admin'), 'plan.edit', { municipalityId: CITY })).toBe(true);
    expect(can(actorWith('admin'), 'plan.read', { municipalityId: OTHER_CITY })).toBe(false);
  });

  test('an editor updates progress only for a department it keeps', () => {
    const editor = actorWith('editor', ['shimin']);
    expect(can(editor, 'progress.edit', { municipalityId: CITY, departmentIds: ['shimin'] })).toBe(true);
    expect(can(editor, 'progress.edit', { municipalityId: CITY, departmentIds: ['digital', 'shimin'] })).toBe(
      true,
    );
    expect(can(editor, 'progress.edit', { municipalityId: CITY, departmentIds: ['digital'] })).toBe(false);
    expect(can(editor, 'progress.edit', { municipalityId: CITY, departmentIds: [] })).toBe(false);
    expect(can(editor, 'progress.edit', { municipalityId: CITY, departmentIds: [null, undefined] })).toBe(
      false,
    );
  });

  test('an admin updates progress of any department; a viewer of none', () => {
    expect(
      can(actorWith('admin'), 'progress.edit', { municipalityId: CITY, departmentIds: ['digital'] }),
    ).toBe(true);
    expect(
      can(actorWith('viewer'), 'progress.edit', { municipalityId: CITY, departmentIds: ['digital'] }),
    ).toBe(false);
  });

  test('a viewer reads and comments but changes nothing else', () => {
    const viewer = actorWith('viewer');
    const held = permissions.filter((permission) => can(viewer, permission, { municipalityId: CITY }));
    expect(held).toEqual(['plan.read', 'comment.create']);
  });
});

describe('listAbilities', () => {
  test('tells the UI which departments an editor’s department-scoped permissions cover', () => {
    const abilities = listAbilities(actorWith('editor', ['shimin']), CITY);
    expect(abilities).toContainEqual({ permission: 'progress.edit', departmentIds: ['shimin'] });
    expect(abilities).toContainEqual({ permission: 'plan.read', departmentIds: null });
    expect(abilities.map((ability) => ability.permission)).not.toContain('plan.edit');
  });
});

describe('readableMunicipalityIds', () => {
  test('is every municipality (null) for a super-admin and the memberships otherwise', () => {
    expect(
      readableMunicipalityIds({ userId: 's', displayName: 's', superAdmin: true, memberships: [] }),
    ).toBeNull();
    expect(readableMunicipalityIds(actorWith('viewer'))).toEqual([CITY]);
  });
});
