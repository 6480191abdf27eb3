import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Database, DatabaseConnection } from '../db/database.js';
import { createTestDatabase } from '../db/test-database.js';
import type { Actor, Role } from '../domain/policy.js';
import { insertUser, setMembership } from './accounts/accounts.repository.js';
import { createLoginThrottle } from './accounts/login-throttle.js';
import { hashPassword } from './accounts/passwords.js';
import { SESSION_COOKIE } from './accounts/sessions.js';
import { buildApp } from './app.js';
import { createPlanViewCache, type PlanViewCache } from './plans/plans.cache.js';

/** What every test user's password is; long enough for the password rules. */
export const TEST_PASSWORD = 'correct-horse-battery';

let passwordHash: Promise<string> | null = null;

/** A super-admin as a use case sees it, for tests of use cases that are not about permissions. */
export function buildSuperAdminActor(): Actor {
  return { userId: randomUUID(), displayName: 'テスト管理者', superAdmin: true, memberships: [] };
}

export interface TestApp {
  connection: DatabaseConnection;
  db: Database;
  app: FastifyInstance;
  cache: PlanViewCache;
  close: () => Promise<void>;
}

/** The whole application on a freshly migrated database, driven in-process with `app.inject()`. */
export async function createTestApp(): Promise<TestApp> {
  const connection = await createTestDatabase();
  const cache = createPlanViewCache();
  const app = await buildApp({
    db: connection.db,
    cache,
    // Tests log in often from one address; the throttle has its own tests.
    throttle: createLoginThrottle({ perLogin: 1000, perAddress: 100_000 }),
    webRoot: join(tmpdir(), 'kiseki-no-such-web-root'),
  });
  return {
    connection,
    db: connection.db,
    app,
    cache,
    close: async () => {
      await app.close();
      await connection.close();
    },
  };
}

export interface TestUser {
  id: string;
  login: string;
  password: string;
}

/**
 * A user with a role in a municipality (an editor with its departments), or a super-admin. The password
 * is TEST_PASSWORD.
 */
export async function createTestUser({
  db,
  login = `user-${randomUUID().slice(0, 8)}`,
  displayName = 'テスト利用者',
  superAdmin = false,
  membership,
}: {
  db: Database;
  login?: string;
  displayName?: string;
  superAdmin?: boolean;
  membership?: { municipalityId: string; role: Role; departmentIds?: string[] };
}): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const user = await insertUser({
    db,
    user: { login, displayName, passwordHash: await passwordHash, superAdmin },
  });
  if (membership) {
    await setMembership({
      db,
      userId: user.id,
      municipalityId: membership.municipalityId,
      role: membership.role,
      departmentIds: membership.departmentIds ?? [],
    });
  }
  return { id: user.id, login, password: TEST_PASSWORD };
}

/** Logs in through the API and returns the Cookie header that carries the session. */
export async function loginAs({ app, user }: { app: FastifyInstance; user: TestUser }): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { login: user.login, password: user.password },
  });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  return sessionCookieOf(response);
}

export function sessionCookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error('no session cookie in the response');
  return `${SESSION_COOKIE}=${cookie.value}`;
}
