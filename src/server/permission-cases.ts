import { accountPermissionCases } from './accounts/accounts.permission-cases.js';
import { auditPermissionCases } from './audit/audit.permission-cases.js';
import { dashboardPermissionCases } from './dashboard/dashboard.permission-cases.js';
import type { PermissionCase } from './permission-matrix.fixture.js';
import { planPermissionCases } from './plans/plans.permission-cases.js';
import { portalPermissionCases } from './portal/portal.permission-cases.js';

/**
 * Every non-public API route and who may use it. The permission matrix test fails for a route that is
 * missing here: a new feature adds its `*.permission-cases.ts` and one line below.
 */
export const permissionCases: PermissionCase[] = [
  ...accountPermissionCases,
  ...auditPermissionCases,
  ...dashboardPermissionCases,
  ...planPermissionCases,
  ...portalPermissionCases,
];
