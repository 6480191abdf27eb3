import type { PlanOutlineResponse } from '../../../server/editing/editing.schemas';

export type DepartmentOption = PlanOutlineResponse['departments'][number];
