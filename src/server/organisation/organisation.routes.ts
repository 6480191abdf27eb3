import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { requireActor } from '../auth.js';
import { sendCsvDownload } from '../effects/effects.replies.js';
import { renderSectionCsv } from '../effects/effects.report-sections.js';
import { versionRequestSchema } from '../effects/effects.schemas.js';
import { errorResponseSchema } from '../errors.js';
import { buildOrganisationCsvSection } from './organisation.report-sections.js';
import {
  bodyDetailSchema,
  bodyListSchema,
  bodyParamsSchema,
  bodyRequestSchema,
  bodyUpdateRequestSchema,
  meetingListSchema,
  meetingParamsSchema,
  meetingRequestSchema,
  meetingSchema,
  meetingsQuerySchema,
  meetingUpdateRequestSchema,
  municipalityParamsSchema,
  organisationCsvParamsSchema,
  rosterParamsSchema,
  rosterRequestSchema,
  rosterUpdateRequestSchema,
} from './organisation.schemas.js';
import {
  archiveBody,
  archiveMeeting,
  archiveRoster,
  createBody,
  createMeeting,
  createRoster,
  findBodies,
  findMeetings,
  getBodyDetail,
  updateBodyDetails,
  updateMeetingRecord,
  updateRosterMembers,
} from './organisation.usecases.js';

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
} as const;

const okResponseSchema = z.object({ ok: z.literal(true) });

const csvNames = {
  bodies: '推進体制',
  members: '会議体の構成員',
  meetings: '会議の開催状況',
  'meeting-counts': '会議の開催回数',
} as const;

const M = '/api/municipalities/:municipalityId';

export function registerOrganisationRoutes({ app, db }: { app: FastifyInstance; db: Database }): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['organisation'];

  routes.get(
    `${M}/bodies`,
    {
      schema: {
        tags,
        summary: '会議体の一覧（現在の名簿・年度別の開催回数・資料記載の回数）',
        params: municipalityParamsSchema,
        response: { 200: bodyListSchema, ...errors },
      },
    },
    async (request) =>
      findBodies({ db, actor: requireActor(request), municipalityId: request.params.municipalityId }),
  );

  routes.post(
    `${M}/bodies`,
    {
      schema: {
        tags,
        summary: '会議体を登録',
        params: municipalityParamsSchema,
        body: bodyRequestSchema,
        response: { 201: bodyDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const detail = await createBody({
        db,
        actor: requireActor(request),
        municipalityId: request.params.municipalityId,
        input: request.body,
      });
      return reply.code(201).send(detail);
    },
  );

  routes.get(
    `${M}/bodies/:bodyId`,
    {
      schema: {
        tags,
        summary: '会議体（所掌・名簿の履歴・会議）',
        params: bodyParamsSchema,
        response: { 200: bodyDetailSchema, ...errors },
      },
    },
    async (request) => getBodyDetail({ db, actor: requireActor(request), ...request.params }),
  );

  routes.patch(
    `${M}/bodies/:bodyId`,
    {
      schema: {
        tags,
        summary: '会議体を更新',
        params: bodyParamsSchema,
        body: bodyUpdateRequestSchema,
        response: { 200: bodyDetailSchema, ...errors },
      },
    },
    async (request) =>
      updateBodyDetails({ db, actor: requireActor(request), ...request.params, input: request.body }),
  );

  routes.post(
    `${M}/bodies/:bodyId/archive`,
    {
      schema: {
        tags,
        summary: '会議体を削除（アーカイブ）',
        params: bodyParamsSchema,
        body: versionRequestSchema,
        response: { 200: okResponseSchema, ...errors },
      },
    },
    async (request) => {
      await archiveBody({
        db,
        actor: requireActor(request),
        ...request.params,
        version: request.body.version,
      });
      return { ok: true as const };
    },
  );

  routes.post(
    `${M}/bodies/:bodyId/rosters`,
    {
      schema: {
        tags,
        summary: '名簿（ある日現在の構成員）を登録',
        params: bodyParamsSchema,
        body: rosterRequestSchema,
        response: { 201: bodyDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const detail = await createRoster({
        db,
        actor: requireActor(request),
        ...request.params,
        input: request.body,
      });
      return reply.code(201).send(detail);
    },
  );

  routes.put(
    `${M}/bodies/:bodyId/rosters/:rosterId`,
    {
      schema: {
        tags,
        summary: '名簿を修正（構成員の一覧を置き換え）',
        params: rosterParamsSchema,
        body: rosterUpdateRequestSchema,
        response: { 200: bodyDetailSchema, ...errors },
      },
    },
    async (request) =>
      updateRosterMembers({ db, actor: requireActor(request), ...request.params, input: request.body }),
  );

  routes.post(
    `${M}/bodies/:bodyId/rosters/:rosterId/archive`,
    {
      schema: {
        tags,
        summary: '名簿を削除（アーカイブ）',
        params: rosterParamsSchema,
        body: versionRequestSchema,
        response: { 200: bodyDetailSchema, ...errors },
      },
    },
    async (request) =>
      archiveRoster({ db, actor: requireActor(request), ...request.params, version: request.body.version }),
  );

  routes.get(
    `${M}/meetings`,
    {
      schema: {
        tags,
        summary: '会議の一覧（会議体・年度で絞り込み）',
        params: municipalityParamsSchema,
        querystring: meetingsQuerySchema,
        response: { 200: meetingListSchema, ...errors },
      },
    },
    async (request) =>
      findMeetings({
        db,
        actor: requireActor(request),
        municipalityId: request.params.municipalityId,
        bodyId: request.query.bodyId,
        fy: request.query.fy,
      }),
  );

  routes.post(
    `${M}/meetings`,
    {
      schema: {
        tags,
        summary: '会議を登録（開催・開催予定）',
        params: municipalityParamsSchema,
        body: meetingRequestSchema,
        response: { 201: meetingSchema, ...errors },
      },
    },
    async (request, reply) => {
      const meeting = await createMeeting({
        db,
        actor: requireActor(request),
        municipalityId: request.params.municipalityId,
        input: request.body,
      });
      return reply.code(201).send(meeting);
    },
  );

  routes.patch(
    `${M}/meetings/:meetingId`,
    {
      schema: {
        tags,
        summary: '会議を更新（議題・議事録・決定事項・連携アクション）',
        params: meetingParamsSchema,
        body: meetingUpdateRequestSchema,
        response: { 200: meetingSchema, ...errors },
      },
    },
    async (request) =>
      updateMeetingRecord({ db, actor: requireActor(request), ...request.params, input: request.body }),
  );

  routes.post(
    `${M}/meetings/:meetingId/archive`,
    {
      schema: {
        tags,
        summary: '会議を削除（アーカイブ）',
        params: meetingParamsSchema,
        body: versionRequestSchema,
        response: { 200: okResponseSchema, ...errors },
      },
    },
    async (request) => {
      await archiveMeeting({
        db,
        actor: requireActor(request),
        ...request.params,
        version: request.body.version,
      });
      return { ok: true as const };
    },
  );

  routes.get(
    `${M}/organisation/csv/:table`,
    {
      schema: {
        tags,
        summary: '推進体制の表のCSV（会議体・構成員・会議・開催回数。UTF-8 BOM付き）',
        params: organisationCsvParamsSchema,
        response: { 200: z.string(), ...errors },
      },
    },
    async (request, reply) => {
      const { municipalityId, table } = request.params;
      const section = await buildOrganisationCsvSection({
        db,
        actor: requireActor(request),
        municipalityId,
        table,
      });
      return sendCsvDownload({ reply, filename: csvNames[table], csv: renderSectionCsv(section) });
    },
  );
}
