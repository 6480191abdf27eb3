import { ADMINS, EVERY_MEMBER, type PermissionCase } from '../permission-matrix.fixture.js';
import { XLSX_CONTENT_TYPE } from './workbook.columns.js';

/** Not a workbook: those let through get 400 (workbook.unreadable), the rest are refused before it is read. */
const notAWorkbook = Buffer.from('not an xlsx file');

export const workbookPermissionCases: PermissionCase[] = [
  {
    route: 'GET /api/plans/:planId/workbook',
    allowed: EVERY_MEMBER,
    request: (context) => ({ method: 'GET', url: `/api/plans/${context.planId}/workbook` }),
  },
  {
    route: 'POST /api/plans/:planId/workbook/preview',
    allowed: ADMINS,
    request: (context) => ({
      method: 'POST',
      url: `/api/plans/${context.planId}/workbook/preview`,
      headers: { 'content-type': XLSX_CONTENT_TYPE },
      payload: notAWorkbook,
    }),
  },
  {
    route: 'POST /api/plans/:planId/workbook/apply',
    allowed: ADMINS,
    request: (context) => ({
      method: 'POST',
      url: `/api/plans/${context.planId}/workbook/apply?revision=1`,
      headers: { 'content-type': XLSX_CONTENT_TYPE },
      payload: notAWorkbook,
    }),
  },
];
