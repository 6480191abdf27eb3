/** Every table, for drizzle-kit (migrations) and for the typed database handle. */
export {
  invitationsTable,
  membershipDepartmentsTable,
  membershipsTable,
  sessionsTable,
  usersTable,
} from '../server/accounts/accounts.table.js';
export { auditEntriesTable } from '../server/audit/audit.table.js';
export { actionCommentsTable } from '../server/comments/comments.table.js';
export { departmentsTable } from '../server/departments/departments.table.js';
export {
  bprProjectsTable,
  bprResultsTable,
  effectActionLinksTable,
  effectSeriesRowsTable,
  effectSeriesTable,
  fundingItemsTable,
  fundingListsTable,
  kpiSourcesTable,
} from '../server/effects/effects.table.js';
export { evidenceFilesTable } from '../server/evidence/evidence.table.js';
export { municipalitiesTable } from '../server/municipalities/municipalities.table.js';
export { noticesTable, notificationSettingsTable } from '../server/notices/notices.table.js';
export { bodiesTable, bodyRostersTable, meetingsTable } from '../server/organisation/organisation.table.js';
export {
  actionOwnersTable,
  actionsTable,
  kpiActualsTable,
  kpisTable,
  planNodesTable,
  plansTable,
  tasksTable,
} from '../server/plans/plans.table.js';
export {
  progressRoundsTable,
  roundSubmissionsTable,
  roundTaskCommentsTable,
} from '../server/rounds/rounds.table.js';
