import { eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../app.js';
import type { AuditResponse } from '../audit/audit.routes.js';
import { listDepartments } from '../departments/departments.repository.js';
import { buildPlanDocumentInput, TEST_MUNICIPALITY_CODES } from '../plans/plans.test-fixtures.js';
import { importPlanDocument } from '../plans/plans.usecases.js';
import {
  createTestApp,
  createTestUser,
  loginAs,
  sessionCookieOf,
  TEST_PASSWORD,
  type TestApp,
  type TestUser,
} from '../test-support.js';
import type { MembersResponse, SessionResponse } from './accounts.schemas.js';
import { sessionsTable } from './accounts.table.js';
import { ensureInitialAdmin } from './accounts.usecases.js';
import { hashToken } from './sessions.js';

let testApp: TestApp;
let municipalityId: string;
let otherMunicipalityId: string;
let departmentIds: Map<string, string>;
let admin: TestUser;
let adminCookie: string;

beforeAll(async () => {
  testApp = await createTestApp();
  const own = await importPlanDocument({ db: testApp.db, input: buildPlanDocumentInput() });
  const other = await importPlanDocument({
    db: testApp.db,
    input: buildPlanDocumentInput({ code: TEST_MUNICIPALITY_CODES[1], municipalityName: '他市' }),
  });
  municipalityId = own.municipalityId;
  otherMunicipalityId = other.municipalityId;
  departmentIds = new Map(
    (await listDepartments({ db: testApp.db, municipalityId })).map((department) => [
      department.key,
      department.id,
    ]),
  );
  admin = await createTestUser({
    db: testApp.db,
    login: 'city-admin',
    displayName: 'デジタル戦略課',
    membership: { municipalityId, role: 'admin' },
  });
  adminCookie = await loginAs({ app: testApp.app, user: admin });
});

afterAll(async () => {
  await testApp?.close();
});

function inject(options: InjectOptions, cookie?: string) {
  return testApp.app.inject({ ...options, headers: { ...options.headers, ...(cookie && { cookie }) } });
}

async function inviteAndAccept(input: {
  login: string;
  role: string;
  departmentKeys?: string[];
}): Promise<TestUser> {
  const invited = await inject(
    {
      method: 'POST',
      url: `/api/municipalities/${municipalityId}/invitations`,
      payload: {
        login: input.login,
        displayName: `${input.login} さん`,
        role: input.role,
        departmentIds: (input.departmentKeys ?? []).map((key) => departmentIds.get(key)),
      },
    },
    adminCookie,
  );
  expect(invited.statusCode).toBe(201);
  const password = 'a long enough passphrase';
  const accepted = await inject({
    method: 'POST',
    url: `/api/invitations/${invited.json<{ token: string }>().token}/accept`,
    payload: { password },
  });
  expect(accepted.statusCode).toBe(200);
  return { id: '', login: input.login, password };
}

describe('POST /api/auth/login', () => {
  test('a correct login ID and password start a session in an HttpOnly, SameSite=Strict cookie', async () => {
    const response = await inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'CITY-ADMIN', password: TEST_PASSWORD },
    });

    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'kiseki_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(response.json<SessionResponse>().user).toMatchObject({ login: 'city-admin', superAdmin: false });
  });

  test('a wrong password and an unknown login ID get the same 401 answer', async () => {
    const wrongPassword = await inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'city-admin', password: 'wrong password here' },
    });
    const unknownLogin = await inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'nobody-at-all', password: 'wrong password here' },
    });

    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownLogin.statusCode).toBe(401);
    expect(wrongPassword.json()).toEqual(unknownLogin.json());
    expect(wrongPassword.json().error.message).toBe('ログインIDまたはパスワードが正しくありません');
  });

  test('a login without a password is a 400 that names the field', async () => {
    const response = await inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'city-admin' },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.issues).toContainEqual({
      path: 'body.password',
      message: expect.any(String),
    });
  });

  test('after five failures the login ID is refused with 429 even with the right password', async () => {
    const app = await buildApp({ db: testApp.db });
    try {
      const user = await createTestUser({ db: testApp.db, login: 'guessed' });
      for (let i = 0; i < 5; i++) {
        const failed = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { login: user.login, password: `guess number ${i}` },
        });
        expect(failed.statusCode).toBe(401);
      }
      const blocked = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { login: user.login, password: user.password },
      });
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().error.code).toBe('auth.rate_limited');
    } finally {
      await app.close();
    }
  });
});

describe('the session', () => {
  test('without a cookie every API route but the public ones answers 401', async () => {
    for (const url of [
      '/api/auth/session',
      '/api/plans',
      '/api/municipalities',
      `/api/municipalities/${municipalityId}/audit`,
    ]) {
      const response = await inject({ url });
      expect(response.statusCode, url).toBe(401);
      expect(response.json().error.code).toBe('auth.unauthenticated');
    }
    expect((await inject({ url: '/api/health' })).statusCode).toBe(200);
  });

  test('the session tells the UI what the user may do in its municipality', async () => {
    const response = await inject({ url: '/api/auth/session' }, adminCookie);

    expect(response.statusCode).toBe(200);
    const session = response.json<SessionResponse>();
    expect(session.memberships).toHaveLength(1);
    expect(session.memberships[0]!.municipality.id).toBe(municipalityId);
    expect(session.memberships[0]!.abilities.map((a) => a.permission)).toContain('user.manage');
  });

  test('a session past its expiry is refused', async () => {
    const user = await createTestUser({ db: testApp.db, login: 'expiring' });
    const app = await buildApp({ db: testApp.db });
    try {
      const cookie = await loginAs({ app, user });
      const tokenHash = hashToken(cookie.split('=')[1]!);
      await testApp.db
        .update(sessionsTable)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(sessionsTable.tokenHash, tokenHash));
      // A fresh app has nothing cached, as another server process would not.
      const other = await buildApp({ db: testApp.db });
      const response = await other.inject({ url: '/api/auth/session', headers: { cookie } });
      await other.close();
      expect(response.statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });

  test('logout ends the session at once', async () => {
    const cookie = await loginAs({ app: testApp.app, user: admin });
    const logout = await inject({ method: 'POST', url: '/api/auth/logout' }, cookie);
    expect(logout.statusCode).toBe(200);
    expect(logout.cookies.find((c) => c.name === 'kiseki_session')?.value).toBe('');

    expect((await inject({ url: '/api/auth/session' }, cookie)).statusCode).toBe(401);
  });

  test('a change sent from another site is refused', async () => {
    const response = await inject(
      {
        method: 'POST',
        url: `/api/municipalities/${municipalityId}/invitations`,
        headers: { origin: 'https://evil.example' },
        payload: { login: 'cross-site', displayName: 'x', role: 'viewer' },
      },
      adminCookie,
    );

    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('auth.cross_origin');
  });
});

describe('passwords', () => {
  test('the first start creates one super-admin with a one-time password, and never again', async () => {
    const other = await createTestApp();
    try {
      const first = await ensureInitialAdmin({ db: other.db });
      expect(first?.login).toBe('admin');
      expect(first?.password).toMatch(/^[A-Za-z2-9]{16}$/);
      expect(await ensureInitialAdmin({ db: other.db })).toBeNull();

      const login = await other.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { login: 'admin', password: first!.password },
      });
      expect(login.json<SessionResponse>().user.mustChangePassword).toBe(true);
      const cookie = sessionCookieOf(login);
      const blocked = await other.app.inject({ url: '/api/plans', headers: { cookie } });
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().error.code).toBe('auth.password_change_required');

      const changed = await other.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: { cookie },
        payload: { currentPassword: first!.password, newPassword: 'my own long passphrase' },
      });
      expect(changed.statusCode).toBe(200);
      expect((await other.app.inject({ url: '/api/plans', headers: { cookie } })).statusCode).toBe(200);
    } finally {
      await other.close();
    }
  });

  test('a wrong current password is a 400 on that field, a weak new one a 400 with the rule', async () => {
    const user = await createTestUser({ db: testApp.db, login: 'changer' });
    const cookie = await loginAs({ app: testApp.app, user });
    const wrong = await inject(
      {
        method: 'POST',
        url: '/api/auth/password',
        payload: { currentPassword: 'not it at all', newPassword: 'another long passphrase' },
      },
      cookie,
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.issues).toEqual([
      { path: 'currentPassword', message: '現在のパスワードが正しくありません' },
    ]);

    const weak = await inject(
      {
        method: 'POST',
        url: '/api/auth/password',
        payload: { currentPassword: user.password, newPassword: 'short' },
      },
      cookie,
    );
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.issues[0].message).toContain('10文字以上');
  });

  test('changing the password ends the user’s other sessions but not this one', async () => {
    const user = await createTestUser({ db: testApp.db, login: 'two-devices' });
    const laptop = await loginAs({ app: testApp.app, user });
    const tablet = await loginAs({ app: testApp.app, user });
    const changed = await inject(
      {
        method: 'POST',
        url: '/api/auth/password',
        payload: { currentPassword: user.password, newPassword: 'a brand new passphrase' },
      },
      laptop,
    );
    expect(changed.statusCode).toBe(200);
    expect((await inject({ url: '/api/auth/session' }, laptop)).statusCode).toBe(200);
    expect((await inject({ url: '/api/auth/session' }, tablet)).statusCode).toBe(401);
  });
});

describe('invitations and members', () => {
  test('an invited editor sets a password through the link, logs in, and keeps only its department', async () => {
    const editor = await inviteAndAccept({
      login: 'shimin-editor',
      role: 'editor',
      departmentKeys: ['citizens'],
    });
    const cookie = await loginAs({ app: testApp.app, user: editor });
    const session = (await inject({ url: '/api/auth/session' }, cookie)).json<SessionResponse>();

    expect(session.memberships[0]!.role).toBe('editor');
    expect(session.memberships[0]!.departments.map((d) => d.key)).toEqual(['citizens']);
    const progress = session.memberships[0]!.abilities.find((a) => a.permission === 'progress.edit');
    expect(progress?.departmentIds).toEqual([departmentIds.get('citizens')]);
  });

  test('an invitation link works once, and says so in Japanese afterwards', async () => {
    const invited = await inject(
      {
        method: 'POST',
        url: `/api/municipalities/${municipalityId}/invitations`,
        payload: { login: 'once-only', displayName: '一度だけ', role: 'viewer' },
      },
      adminCookie,
    );
    const { token } = invited.json<{ token: string }>();
    const info = await inject({ url: `/api/invitations/${token}` });
    expect(info.json()).toMatchObject({ kind: 'invite', login: 'once-only', municipalityName: '試験市' });

    const weak = await inject({
      method: 'POST',
      url: `/api/invitations/${token}/accept`,
      payload: { password: 'once-only-pass' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toBe('パスワードにログインIDを含めないでください');

    const first = await inject({
      method: 'POST',
      url: `/api/invitations/${token}/accept`,
      payload: { password: 'good long passphrase' },
    });
    const second = await inject({
      method: 'POST',
      url: `/api/invitations/${token}/accept`,
      payload: { password: 'good long passphrase' },
    });
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(410);
    expect(second.json().error.message).toContain('無効か、有効期限が切れています');
  });

  test('an editor must be given at least one department of the municipality', async () => {
    const none = await inject(
      {
        method: 'POST',
        url: `/api/municipalities/${municipalityId}/invitations`,
        payload: { login: 'no-department', displayName: '課なし', role: 'editor', departmentIds: [] },
      },
      adminCookie,
    );
    expect(none.statusCode).toBe(400);
    expect(none.json().error.issues).toEqual([
      { path: 'departmentIds', message: '担当する課を1つ以上選んでください' },
    ]);

    const foreign = await inject(
      {
        method: 'POST',
        url: `/api/municipalities/${municipalityId}/invitations`,
        payload: {
          login: 'foreign-department',
          displayName: '他市の課',
          role: 'editor',
          departmentIds: [
            (await listDepartments({ db: testApp.db, municipalityId: otherMunicipalityId }))[0]!.id,
          ],
        },
      },
      adminCookie,
    );
    expect(foreign.statusCode).toBe(404);
  });

  test('a role change with a stale version is a 409 carrying the current member, and nothing changes', async () => {
    await inviteAndAccept({ login: 'role-target', role: 'viewer' });
    const members = (
      await inject({ url: `/api/municipalities/${municipalityId}/members` }, adminCookie)
    ).json<MembersResponse>();
    const target = members.members.find((m) => m.login === 'role-target')!;
    const url = `/api/municipalities/${municipalityId}/members/${target.id}`;

    const first = await inject(
      {
        method: 'PATCH',
        url,
        payload: { role: 'editor', departmentIds: [departmentIds.get('tax')], version: target.version },
      },
      adminCookie,
    );
    const stale = await inject(
      { method: 'PATCH', url, payload: { role: 'admin', version: target.version } },
      adminCookie,
    );

    expect(first.statusCode).toBe(200);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current).toMatchObject({ login: 'role-target', role: 'editor' });
    const audit = (
      await inject({ url: `/api/municipalities/${municipalityId}/audit?subjectType=user` }, adminCookie)
    ).json<AuditResponse>();
    expect(audit.entries[0]).toMatchObject({
      subjectId: target.id,
      operation: 'update',
      before: { role: 'viewer' },
      after: { role: 'editor' },
      actorName: 'デジタル戦略課',
    });
  });

  test('a removed user is signed out and, with no municipality left, cannot log in', async () => {
    const user = await inviteAndAccept({ login: 'leaving', role: 'viewer' });
    const cookie = await loginAs({ app: testApp.app, user });
    const members = (
      await inject({ url: `/api/municipalities/${municipalityId}/members` }, adminCookie)
    ).json<MembersResponse>();
    const leaving = members.members.find((m) => m.login === 'leaving')!;

    const removed = await inject(
      {
        method: 'POST',
        url: `/api/municipalities/${municipalityId}/members/${leaving.id}/remove`,
        payload: { version: leaving.version },
      },
      adminCookie,
    );

    expect(removed.statusCode).toBe(200);
    expect((await inject({ url: '/api/auth/session' }, cookie)).statusCode).toBe(401);
    const login = await inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'leaving', password: user.password },
    });
    expect(login.statusCode).toBe(401);
  });

  test('a password-reset link sets a new password and ends the user’s sessions', async () => {
    const user = await inviteAndAccept({ login: 'forgetful', role: 'viewer' });
    const oldCookie = await loginAs({ app: testApp.app, user });
    const members = (
      await inject({ url: `/api/municipalities/${municipalityId}/members` }, adminCookie)
    ).json<MembersResponse>();
    const target = members.members.find((m) => m.login === 'forgetful')!;
    const issued = await inject(
      { method: 'POST', url: `/api/municipalities/${municipalityId}/members/${target.id}/password-reset` },
      adminCookie,
    );
    const { token } = issued.json<{ token: string }>();
    expect((await inject({ url: `/api/invitations/${token}` })).json().kind).toBe('reset');

    await inject({
      method: 'POST',
      url: `/api/invitations/${token}/accept`,
      payload: { password: 'the remembered one now' },
    });

    expect((await inject({ url: '/api/auth/session' }, oldCookie)).statusCode).toBe(401);
    const login = await inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'forgetful', password: 'the remembered one now' },
    });
    expect(login.statusCode).toBe(200);
  });

  test('an admin of one municipality sees nothing of another', async () => {
    expect(
      (await inject({ url: `/api/municipalities/${otherMunicipalityId}/members` }, adminCookie)).statusCode,
    ).toBe(403);
    const plans = (await inject({ url: '/api/plans' }, adminCookie)).json<{
      plans: { municipality: { id: string } }[];
    }>();
    expect(plans.plans.map((plan) => plan.municipality.id)).toEqual([municipalityId]);
  });
});
