import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Role } from '../domain/policy.js';
import { listDepartments } from './departments/departments.repository.js';
import { buildPlanDocumentInput, TEST_MUNICIPALITY_CODES } from './plans/plans.test-fixtures.js';
import { importPlanDocument } from './plans/plans.usecases.js';
import { createTestApp, createTestUser, loginAs, type TestApp } from './test-support.js';

/**
 * Who tries each route in the permission matrix. `editorOwn` keeps the department the target record
 * belongs to (`digital`), `editorOther` another department of the same municipality (`citizens`);
 * `otherAdmin` is an admin of another municipality; `visitor` is not signed in.
 */
export const matrixActors = [
  'superAdmin',
  'admin',
  'editorOwn',
  'editorOther',
  'viewer',
  'otherAdmin',
  'visitor',
] as const;
export type MatrixActor = (typeof matrixActors)[number];

/** Everyone who belongs to the municipality, and the super-admin. */
export const EVERY_MEMBER: readonly MatrixActor[] = [
  'superAdmin',
  'admin',
  'editorOwn',
  'editorOther',
  'viewer',
];
/** The DX office and the super-admin. */
export const ADMINS: readonly MatrixActor[] = ['superAdmin', 'admin'];
/** The DX office, the super-admin and the editor of the record's own department. */
export const OWN_DEPARTMENT: readonly MatrixActor[] = ['superAdmin', 'admin', 'editorOwn'];

export interface MatrixContext extends TestApp {
  municipalityId: string;
  otherMunicipalityId: string;
  planId: string;
  otherPlanId: string;
  /** Department ids of the municipality by key (`digital`, `citizens`, `tax`, `general-affairs`). */
  departmentIds: Map<string, string>;
  /** The department `editorOwn` keeps. */
  ownDepartmentId: string;
  users: Record<Exclude<MatrixActor, 'visitor'>, { id: string; cookie: string }>;
  /** Sends the request as the actor (a visitor sends no cookie). */
  send: (actor: MatrixActor, options: InjectOptions) => Promise<LightMyRequestResponse>;
}

/**
 * The application with two municipalities, each with the test plan, and one user of every kind. Each
 * permission case builds its request on this (creating whatever record it needs first).
 */
export async function createMatrixContext(): Promise<MatrixContext> {
  const testApp = await createTestApp();
  const { db, app } = testApp;
  const own = await importPlanDocument({
    db,
    input: buildPlanDocumentInput({ code: TEST_MUNICIPALITY_CODES[0] }),
  });
  const other = await importPlanDocument({
    db,
    input: buildPlanDocumentInput({ code: TEST_MUNICIPALITY_CODES[1], municipalityName: '他市' }),
  });
  const departments = await listDepartments({ db, municipalityId: own.municipalityId });
  const departmentIds = new Map(departments.map((department) => [department.key, department.id]));
  const ownDepartmentId = departmentIds.get('digital')!;

  const member = async (login: string, municipalityId: string, role: Role, departmentKeys: string[] = []) => {
    const user = await createTestUser({
      db,
      login,
      membership: {
        municipalityId,
        role,
        departmentIds: departmentKeys.map((key) => departmentIds.get(key)!),
      },
    });
    return { id: user.id, cookie: await loginAs({ app, user }) };
  };
  const superAdminUser = await createTestUser({ db, login: 'matrix-super', superAdmin: true });
  const users: MatrixContext['users'] = {
    superAdmin: { id: superAdminUser.id, cookie: await loginAs({ app, user: superAdminUser }) },
    admin: await member('matrix-admin', own.municipalityId, 'admin'),
    editorOwn: await member('matrix-editor-own', own.municipalityId, 'editor', ['digital']),
    editorOther: await member('matrix-editor-other', own.municipalityId, 'editor', ['citizens']),
    viewer: await member('matrix-viewer', own.municipalityId, 'viewer'),
    otherAdmin: await member('matrix-other-admin', other.municipalityId, 'admin'),
  };

  return {
    ...testApp,
    municipalityId: own.municipalityId,
    otherMunicipalityId: other.municipalityId,
    planId: own.planId,
    otherPlanId: other.planId,
    departmentIds,
    ownDepartmentId,
    users,
    send: (actor, options) =>
      app.inject({
        ...options,
        headers: { ...options.headers, ...(actor !== 'visitor' && { cookie: users[actor].cookie }) },
      }),
  };
}

/**
 * One route's row of the matrix: how to make a request of it (called afresh for every actor, so that
 * a request that changes or removes something has its own target), and who must be let through.
 */
export interface PermissionCase {
  /** The route as Fastify knows it: `POST /api/municipalities/:municipalityId/invitations`. */
  route: string;
  allowed: readonly MatrixActor[];
  request: (context: MatrixContext) => Promise<InjectOptions> | InjectOptions;
}
