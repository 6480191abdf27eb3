import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../../db/database.js';
import { clearSessionCookie, requireActor, requireSession, setSessionCookie } from '../auth.js';
import { listDepartments } from '../departments/departments.repository.js';
import { errorResponseSchema } from '../errors.js';
import {
  acceptInvitationRequestSchema,
  invitationInfoSchema,
  invitationParamsSchema,
  invitationTokenParamsSchema,
  inviteRequestSchema,
  issuedInvitationSchema,
  loginRequestSchema,
  memberParamsSchema,
  memberRemoveRequestSchema,
  memberSchema,
  membersResponseSchema,
  memberUpdateRequestSchema,
  municipalityParamsSchema,
  okResponseSchema,
  passwordChangeRequestSchema,
  sessionResponseSchema,
} from './accounts.schemas.js';
import {
  acceptInvitation,
  changePassword,
  findMembers,
  findOpenInvitations,
  getInvitation,
  getSessionInfo,
  inviteUser,
  issuePasswordReset,
  login,
  logout,
  removeMember,
  revokeInvitation,
  updateMember,
} from './accounts.usecases.js';
import type { LoginThrottle } from './login-throttle.js';
import { SESSION_COOKIE, type SessionStore } from './sessions.js';

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
} as const;

export function registerAccountRoutes({
  app,
  db,
  sessions,
  throttle,
}: {
  app: FastifyInstance;
  db: Database;
  sessions: SessionStore;
  throttle: LoginThrottle;
}): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['accounts'],
        summary: 'ログイン（セッションCookieを発行）',
        body: loginRequestSchema,
        response: { 200: sessionResponseSchema, 429: errorResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const started = await login({
        db,
        sessions,
        throttle,
        input: request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
      setSessionCookie({ request, reply, token: started.token });
      const session = await sessions.resolve(started.token);
      if (!session) throw new Error('a session just created could not be resolved');
      return getSessionInfo({ db, session });
    },
  );

  routes.post(
    '/api/auth/logout',
    {
      config: { public: true },
      schema: { tags: ['accounts'], summary: 'ログアウト', response: { 200: okResponseSchema, ...errors } },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await logout({ sessions, token });
      clearSessionCookie({ request, reply });
      return { ok: true as const };
    },
  );

  routes.get(
    '/api/auth/session',
    {
      config: { allowPendingPasswordChange: true },
      schema: {
        tags: ['accounts'],
        summary: 'ログイン中の利用者と、自治体ごとにできること',
        response: { 200: sessionResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return getSessionInfo({ db, session: requireSession(request) });
    },
  );

  routes.post(
    '/api/auth/password',
    {
      config: { allowPendingPasswordChange: true },
      schema: {
        tags: ['accounts'],
        summary: '自分のパスワードを変更（ほかのセッションは終了）',
        body: passwordChangeRequestSchema,
        response: { 200: okResponseSchema, ...errors },
      },
    },
    async (request) => {
      await changePassword({ db, sessions, session: requireSession(request), input: request.body });
      return { ok: true as const };
    },
  );

  routes.get(
    '/api/municipalities/:municipalityId/members',
    {
      schema: {
        tags: ['accounts'],
        summary: '自治体の利用者・招待中の人・課の一覧（管理者）',
        params: municipalityParamsSchema,
        response: { 200: membersResponseSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { municipalityId } = request.params;
      const members = await findMembers({ db, actor, municipalityId });
      const invitations = await findOpenInvitations({ db, actor, municipalityId });
      const departments = await listDepartments({ db, municipalityId });
      return { members, invitations, departments };
    },
  );

  routes.post(
    '/api/municipalities/:municipalityId/invitations',
    {
      schema: {
        tags: ['accounts'],
        summary: '利用者を招待（招待リンクを発行。リンクはこの応答でのみ表示）',
        params: municipalityParamsSchema,
        body: inviteRequestSchema,
        response: { 201: issuedInvitationSchema, ...errors },
      },
    },
    async (request, reply) => {
      const issued = await inviteUser({
        db,
        actor: requireActor(request),
        municipalityId: request.params.municipalityId,
        input: request.body,
      });
      return reply.code(201).send(issued);
    },
  );

  routes.post(
    '/api/municipalities/:municipalityId/invitations/:invitationId/revoke',
    {
      schema: {
        tags: ['accounts'],
        summary: '招待を取り消す',
        params: invitationParamsSchema,
        response: { 200: okResponseSchema, 410: errorResponseSchema, ...errors },
      },
    },
    async (request) => {
      await revokeInvitation({ db, actor: requireActor(request), ...request.params });
      return { ok: true as const };
    },
  );

  routes.patch(
    '/api/municipalities/:municipalityId/members/:userId',
    {
      schema: {
        tags: ['accounts'],
        summary: '利用者の役割・担当課を変更',
        params: memberParamsSchema,
        body: memberUpdateRequestSchema,
        response: { 200: memberSchema, ...errors },
      },
    },
    async (request) =>
      updateMember({ db, sessions, actor: requireActor(request), ...request.params, input: request.body }),
  );

  routes.post(
    '/api/municipalities/:municipalityId/members/:userId/remove',
    {
      schema: {
        tags: ['accounts'],
        summary: '利用者をこの自治体から外す（アカウントと履歴は残る）',
        params: memberParamsSchema,
        body: memberRemoveRequestSchema,
        response: { 200: okResponseSchema, ...errors },
      },
    },
    async (request) => {
      await removeMember({
        db,
        sessions,
        actor: requireActor(request),
        ...request.params,
        version: request.body.version,
      });
      return { ok: true as const };
    },
  );

  routes.post(
    '/api/municipalities/:municipalityId/members/:userId/password-reset',
    {
      schema: {
        tags: ['accounts'],
        summary: 'パスワード再設定リンクを発行',
        params: memberParamsSchema,
        response: { 201: issuedInvitationSchema, ...errors },
      },
    },
    async (request, reply) => {
      const issued = await issuePasswordReset({ db, actor: requireActor(request), ...request.params });
      return reply.code(201).send(issued);
    },
  );

  routes.get(
    '/api/invitations/:token',
    {
      config: { public: true },
      schema: {
        tags: ['accounts'],
        summary: '招待リンクの内容（ログイン不要）',
        params: invitationTokenParamsSchema,
        response: { 200: invitationInfoSchema, 410: errorResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return getInvitation({ db, token: request.params.token });
    },
  );

  routes.post(
    '/api/invitations/:token/accept',
    {
      config: { public: true },
      schema: {
        tags: ['accounts'],
        summary: '招待を受けてパスワードを設定（ログイン不要）',
        params: invitationTokenParamsSchema,
        body: acceptInvitationRequestSchema,
        response: { 200: okResponseSchema, 410: errorResponseSchema, ...errors },
      },
    },
    async (request) => {
      await acceptInvitation({ db, sessions, token: request.params.token, input: request.body });
      return { ok: true as const };
    },
  );
}
