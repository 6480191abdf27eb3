import { z } from 'zod';
import {
  departmentFieldsSchema,
  idSchema,
  newKeySchema,
  versionSchema,
} from '../../domain/plan-editing.schemas.js';

export const departmentsParamsSchema = z.object({ municipalityId: idSchema });
export const departmentParamsSchema = departmentsParamsSchema.extend({ departmentId: idSchema });

export const departmentCreateRequestSchema = departmentFieldsSchema.extend({ key: newKeySchema });
export const departmentUpdateRequestSchema = departmentFieldsSchema.extend({ version: versionSchema });
export const departmentArchiveRequestSchema = z.object({ version: versionSchema });

export const departmentRecordSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  archived: z.boolean(),
  version: z.number(),
});
export type DepartmentResponse = z.infer<typeof departmentRecordSchema>;

export const departmentListResponseSchema = z.object({ departments: z.array(departmentRecordSchema) });
export type DepartmentListResponse = z.infer<typeof departmentListResponseSchema>;
