import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { requireActor } from '../auth.js';
import { errorResponseSchema } from '../errors.js';
import {
  departmentArchiveRequestSchema,
  departmentCreateRequestSchema,
  departmentListResponseSchema,
  departmentParamsSchema,
  departmentRecordSchema,
  departmentsParamsSchema,
  departmentUpdateRequestSchema,
} from './departments.schemas.js';
import {
  archiveDepartment,
  createDepartment,
  findDepartments,
  updateDepartment,
} from './departments.usecases.js';

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
} as const;

/** Departments and their nesting (部 → 課 → 係): read by every member, kept by the DX office. */
export function registerDepartmentRoutes({ app, db }: { app: FastifyInstance; db: Database }): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['departments'];

  routes.get(
    '/api/municipalities/:municipalityId/departments',
    {
      schema: {
        tags,
        summary: '部署の一覧（アーカイブしたものを含む）',
        params: departmentsParamsSchema,
        response: { 200: departmentListResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const departments = await findDepartments({
        db,
        actor: requireActor(request),
        municipalityId: request.params.municipalityId,
      });
      return { departments };
    },
  );

  routes.post(
    '/api/municipalities/:municipalityId/departments',
    {
      schema: {
        tags,
        summary: '部署を追加',
        params: departmentsParamsSchema,
        body: departmentCreateRequestSchema,
        response: { 201: departmentRecordSchema, ...errors },
      },
    },
    async (request, reply) => {
      const department = await createDepartment({
        db,
        actor: requireActor(request),
        municipalityId: request.params.municipalityId,
        input: request.body,
      });
      return reply.code(201).send(department);
    },
  );

  routes.put(
    '/api/municipalities/:municipalityId/departments/:departmentId',
    {
      schema: {
        tags,
        summary: '部署の名称・上位の部署を変更',
        params: departmentParamsSchema,
        body: departmentUpdateRequestSchema,
        response: { 200: departmentRecordSchema, ...errors },
      },
    },
    async (request) =>
      updateDepartment({ db, actor: requireActor(request), ...request.params, input: request.body }),
  );

  routes.post(
    '/api/municipalities/:municipalityId/departments/:departmentId/archive',
    {
      schema: {
        tags,
        summary: '部署をアーカイブ（下に部署がないときだけ）',
        params: departmentParamsSchema,
        body: departmentArchiveRequestSchema,
        response: { 200: z.object({ ok: z.literal(true) }), ...errors },
      },
    },
    async (request) => {
      await archiveDepartment({
        db,
        actor: requireActor(request),
        ...request.params,
        version: request.body.version,
      });
      return { ok: true as const };
    },
  );
}
