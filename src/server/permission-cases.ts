import { accountPermissionCases } from './accounts/accounts.permission-cases.js';
import { auditPermissionCases } from './audit/audit.permission-cases.js';
import { commentPermissionCases } from './comments/comments.permission-cases.js';
import { dashboardPermissionCases } from './dashboard/dashboard.permission-cases.js';
import { departmentPermissionCases } from './departments/departments.permission-cases.js';
import { editingPermissionCases } from './editing/editing.permission-cases.js';
import { effectsPermissionCases } from './effects/effects.permission-cases.js';
import { evidencePermissionCases } from './evidence/evidence.permission-cases.js';
import { historyPermissionCases } from './history/history.permission-cases.js';
import { municipalityPermissionCases } from './municipalities/municipalities.permission-cases.js';
import { noticePermissionCases } from './notices/notices.permission-cases.js';
import { organisationPermissionCases } from './organisation/organisation.permission-cases.js';
import type { PermissionCase } from './permission-matrix.fixture.js';
import { planPermissionCases } from './plans/plans.permission-cases.js';
import { portalPermissionCases } from './portal/portal.permission-cases.js';
import { reportPermissionCases } from './reports/reports.permission-cases.js';
import { roundPermissionCases } from './rounds/rounds.permission-cases.js';
import { workbookPermissionCases } from './workbook/workbook.permission-cases.js';

/**
 * Every non-public API route and who may use it. The permission matrix test fails for a route that is
 * missing here: a new feature adds its `*.permission-cases.ts` and one line below.
 */
export const permissionCases: PermissionCase[] = [
  ...accountPermissionCases,
  ...auditPermissionCases,
  ...dashboardPermissionCases,
  ...planPermissionCases,
  ...editingPermissionCases,
  ...departmentPermissionCases,
  ...commentPermissionCases,
  ...historyPermissionCases,
  ...municipalityPermissionCases,
  ...roundPermissionCases,
  ...evidencePermissionCases,
  ...noticePermissionCases,
  ...workbookPermissionCases,
  ...reportPermissionCases,
  ...effectsPermissionCases,
  ...organisationPermissionCases,
  ...portalPermissionCases,
];
