import { and, desc, eq } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Role } from '../../domain/policy.js';
import { auditEntriesTable } from '../audit/audit.table.js';
import { listDepartments } from '../departments/departments.repository.js';
import { getPlanRevision } from '../plans/plans.repository.js';
import { buildPlanDocumentInput, TEST_MUNICIPALITY_CODES } from '../plans/plans.test-fixtures.js';
import { importPlanDocument } from '../plans/plans.usecases.js';
import { createTestApp, createTestUser, loginAs, type TestApp } from '../test-support.js';

export type EditingUser = 'admin' | 'editor' | 'viewer' | 'otherAdmin' | 'visitor';

export interface EditingContext extends TestApp {
  municipalityId: string;
  planId: string;
  departmentIds: Map<string, string>;
  userIds: Record<Exclude<EditingUser, 'visitor'>, string>;
  /** A request as one of the users (a visitor sends no cookie). */
  send: (user: EditingUser, options: InjectOptions) => Promise<LightMyRequestResponse>;
  /** The newest history entries of the plan's municipality, newest first. */
  readAudit: (filter?: {
    subjectType?: string;
    subjectId?: string;
  }) => Promise<(typeof auditEntriesTable.$inferSelect)[]>;
  readRevision: () => Promise<number | null>;
}

/**
 * The application with the test plan of 試験市 (and the same plan of 他市), an admin, an editor of
 * デジタル戦略課, a viewer of 試験市 and an admin of 他市.
 */
export async function createEditingContext(): Promise<EditingContext> {
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

  const member = async (
    login: string,
    displayName: string,
    municipalityId: string,
    role: Role,
    keys: string[] = [],
  ) => {
    const user = await createTestUser({
      db,
      login,
      displayName,
      membership: { municipalityId, role, departmentIds: keys.map((key) => departmentIds.get(key)!) },
    });
    return { id: user.id, cookie: await loginAs({ app, user }) };
  };
  const users = {
    admin: await member('editing-admin', 'デジタル戦略課 管理者', own.municipalityId, 'admin'),
    editor: await member('editing-editor', 'デジタル戦略課 担当', own.municipalityId, 'editor', ['digital']),
    viewer: await member('editing-viewer', '協議会 委員', own.municipalityId, 'viewer'),
    otherAdmin: await member('editing-other', '他市 管理者', other.municipalityId, 'admin'),
  };

  return {
    ...testApp,
    municipalityId: own.municipalityId,
    planId: own.planId,
    departmentIds,
    userIds: {
      admin: users.admin.id,
      editor: users.editor.id,
      viewer: users.viewer.id,
      otherAdmin: users.otherAdmin.id,
    },
    send: (user, options) =>
      app.inject({
        ...options,
        headers: { ...options.headers, ...(user !== 'visitor' && { cookie: users[user].cookie }) },
      }),
    readAudit: (filter = {}) =>
      db
        .select()
        .from(auditEntriesTable)
        .where(
          and(
            eq(auditEntriesTable.municipalityId, own.municipalityId),
            filter.subjectType ? eq(auditEntriesTable.subjectType, filter.subjectType) : undefined,
            filter.subjectId ? eq(auditEntriesTable.subjectId, filter.subjectId) : undefined,
          ),
        )
        .orderBy(desc(auditEntriesTable.id)),
    readRevision: () => getPlanRevision({ db, planId: own.planId }),
  };
}
