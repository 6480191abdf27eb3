import { z } from 'zod';
import { displayNameSchema, emailSchema, loginSchema, roleSchema } from '../../domain/account.schemas.js';
import { permissions, roles } from '../../domain/policy.js';

export const uuidSchema = z.uuid('IDの形式が正しくありません');

export const loginRequestSchema = z.object({
  login: z.string().min(1, 'ログインIDを入力してください').max(100),
  password: z.string().min(1, 'パスワードを入力してください').max(1000),
});

export const passwordChangeRequestSchema = z.object({
  currentPassword: z.string().min(1, '現在のパスワードを入力してください').max(1000),
  newPassword: z.string().min(1, '新しいパスワードを入力してください').max(1000),
});

export const sessionResponseSchema = z.object({
  user: z.object({
    id: z.string(),
    login: z.string(),
    displayName: z.string(),
    superAdmin: z.boolean(),
    mustChangePassword: z.boolean(),
  }),
  expiresAt: z.string(),
  memberships: z.array(
    z.object({
      municipality: z.object({ id: z.string(), code: z.string(), name: z.string(), prefecture: z.string() }),
      role: z.enum(roles),
      roleLabel: z.string(),
      departments: z.array(z.object({ id: z.string(), key: z.string(), name: z.string() })),
      abilities: z.array(
        z.object({
          permission: z.enum(permissions as [string, ...string[]]),
          departmentIds: z.array(z.string()).nullable(),
        }),
      ),
    }),
  ),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const municipalityParamsSchema = z.object({ municipalityId: uuidSchema });
export const memberParamsSchema = z.object({ municipalityId: uuidSchema, userId: uuidSchema });
export const invitationParamsSchema = z.object({ municipalityId: uuidSchema, invitationId: uuidSchema });
export const invitationTokenParamsSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, '招待リンクの形式が正しくありません'),
});

export const memberSchema = z.object({
  id: z.string(),
  login: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  role: z.enum(roles),
  departmentIds: z.array(z.string()),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  version: z.number(),
});
export type MemberResponse = z.infer<typeof memberSchema>;

export const invitationSummarySchema = z.object({
  id: z.string(),
  login: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  role: z.enum(roles),
  departmentIds: z.array(z.string()),
  kind: z.enum(['invite', 'reset']),
  createdAt: z.string(),
  expiresAt: z.string(),
});

export const membersResponseSchema = z.object({
  members: z.array(memberSchema),
  invitations: z.array(invitationSummarySchema),
  departments: z.array(
    z.object({
      id: z.string(),
      key: z.string(),
      name: z.string(),
      parentId: z.string().nullable(),
      archived: z.boolean(),
    }),
  ),
});
export type MembersResponse = z.infer<typeof membersResponseSchema>;

export const inviteRequestSchema = z.object({
  login: loginSchema,
  displayName: displayNameSchema,
  email: emailSchema.optional(),
  role: roleSchema,
  departmentIds: z.array(uuidSchema).max(100).default([]),
});

export const issuedInvitationSchema = z.object({ id: z.string(), token: z.string(), expiresAt: z.string() });

export const memberUpdateRequestSchema = z.object({
  role: roleSchema,
  departmentIds: z.array(uuidSchema).max(100).default([]),
  displayName: displayNameSchema.optional(),
  version: z.number().int().positive(),
});

export const memberRemoveRequestSchema = z.object({ version: z.number().int().positive() });

export const invitationInfoSchema = z.object({
  kind: z.enum(['invite', 'reset']),
  login: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  roleLabel: z.string(),
  municipalityName: z.string(),
  expiresAt: z.string(),
});
export type InvitationInfo = z.infer<typeof invitationInfoSchema>;

export const acceptInvitationRequestSchema = z.object({
  password: z.string().min(1, 'パスワードを入力してください').max(1000),
  displayName: displayNameSchema.optional(),
});

export const okResponseSchema = z.object({ ok: z.literal(true) });
