import { z } from 'zod';
import {
  bodyKindSchema,
  isoDateSchema,
  meetingStatusSchema,
  memberRoleSchema,
  noteSchema,
  shortTextSchema,
  statedMeetingCountSchema,
  timeOfDaySchema,
  titleSchema,
} from '../../domain/effects.schemas.js';
import { uuidSchema } from '../accounts/accounts.schemas.js';
import {
  actionIdsSchema,
  departmentRefSchema,
  linkedActionSchema,
  versionSchema,
} from '../effects/effects.schemas.js';

/** Request and response schemas of the organisation endpoints (bodies, rosters, meetings). */

export const municipalityParamsSchema = z.object({ municipalityId: uuidSchema });
export const bodyParamsSchema = municipalityParamsSchema.extend({ bodyId: uuidSchema });
export const rosterParamsSchema = bodyParamsSchema.extend({ rosterId: uuidSchema });
export const meetingParamsSchema = municipalityParamsSchema.extend({ meetingId: uuidSchema });

export const organisationCsvTables = ['bodies', 'members', 'meetings', 'meeting-counts'] as const;
export const organisationCsvParamsSchema = municipalityParamsSchema.extend({
  table: z.enum(organisationCsvTables, { error: '表は bodies / members / meetings / meeting-counts です' }),
});

export const bodyRequestSchema = z.object({
  kind: bodyKindSchema,
  name: titleSchema,
  number: shortTextSchema(20),
  parentId: uuidSchema.nullable(),
  remit: noteSchema,
  composition: noteSchema,
  establishedOn: isoDateSchema.nullable(),
  secretariatDepartmentId: uuidSchema.nullable(),
  statedMeetingCounts: z.array(statedMeetingCountSchema).max(20, '資料記載の開催回数は20件までです'),
  source: noteSchema,
  note: noteSchema,
});
export const bodyUpdateRequestSchema = bodyRequestSchema.extend({ version: versionSchema });

const personNameSchema = shortTextSchema(100);

export const rosterMemberInputSchema = z.discriminatedUnion(
  'kind',
  [
    z
      .object({
        kind: z.literal('internal'),
        departmentId: uuidSchema.nullable(),
        post: shortTextSchema(100),
        role: memberRoleSchema,
        personName: personNameSchema,
        note: shortTextSchema(500),
      })
      .refine((member) => member.departmentId !== null || member.post !== null, {
        message: '課か役職のどちらかを入力してください',
        path: ['departmentId'],
      }),
    z.object({
      kind: z.literal('external'),
      organisation: z
        .string()
        .trim()
        .min(1, '団体名を入力してください')
        .max(200, '団体名は200文字以内にしてください'),
      category: shortTextSchema(50),
      role: memberRoleSchema,
      personName: personNameSchema,
      note: shortTextSchema(500),
    }),
  ],
  { error: '委員の種類は internal（庁内）か external（外部）です' },
);

export const rosterRequestSchema = z.object({
  asOf: isoDateSchema,
  members: z.array(rosterMemberInputSchema).max(300, '名簿の人数は300人までです'),
  source: noteSchema,
  note: noteSchema,
});
export const rosterUpdateRequestSchema = rosterRequestSchema.extend({ version: versionSchema });

const meetingFieldsSchema = z.object({
  bodyId: uuidSchema,
  date: isoDateSchema,
  startTime: timeOfDaySchema,
  endTime: timeOfDaySchema,
  number: shortTextSchema(20),
  title: shortTextSchema(200),
  place: shortTextSchema(100),
  status: meetingStatusSchema,
  agenda: shortTextSchema(10_000),
  minutes: shortTextSchema(50_000),
  decisions: shortTextSchema(10_000),
  note: noteSchema,
  actionIds: actionIdsSchema,
});

function endsAfterStart(meeting: { startTime: string | null; endTime: string | null }): boolean {
  return !meeting.startTime || !meeting.endTime || meeting.startTime <= meeting.endTime;
}
const endsAfterStartIssue = { message: '終了時刻は開始時刻以降にしてください', path: ['endTime'] };

export const meetingRequestSchema = meetingFieldsSchema.refine(endsAfterStart, endsAfterStartIssue);
export const meetingUpdateRequestSchema = meetingFieldsSchema
  .extend({ version: versionSchema })
  .refine(endsAfterStart, endsAfterStartIssue);

export const meetingsQuerySchema = z.object({
  bodyId: uuidSchema.optional(),
  fy: z.coerce.number().int().min(1989).max(2100).optional(),
});

/* Responses */

const statedMeetingCountViewSchema = z.object({
  from: z.string(),
  to: z.string(),
  count: z.number(),
  source: z.string().nullable(),
  recorded: z.number().nullable(),
  differs: z.boolean(),
  message: z.string().nullable(),
});

export const bodySchema = z.object({
  id: z.string(),
  kind: bodyKindSchema,
  name: z.string(),
  number: z.string().nullable(),
  parentId: z.string().nullable(),
  remit: z.string().nullable(),
  composition: z.string().nullable(),
  establishedOn: z.string().nullable(),
  secretariat: departmentRefSchema.nullable(),
  statedMeetingCounts: z.array(statedMeetingCountViewSchema),
  source: z.string().nullable(),
  note: z.string().nullable(),
  position: z.number(),
  version: z.number(),
  updatedAt: z.string(),
});

export const rosterMemberViewSchema = z.union([
  z.object({
    kind: z.literal('internal'),
    departmentId: z.string().nullable(),
    post: z.string().nullable(),
    role: memberRoleSchema,
    personName: z.string().nullable(),
    note: z.string().nullable(),
    departmentName: z.string().nullable(),
    roleLabel: z.string(),
    line: z.string(),
  }),
  z.object({
    kind: z.literal('external'),
    organisation: z.string(),
    category: z.string().nullable(),
    role: memberRoleSchema,
    personName: z.string().nullable(),
    note: z.string().nullable(),
    departmentName: z.null(),
    roleLabel: z.string(),
    line: z.string(),
  }),
]);

export const rosterSchema = z.object({
  id: z.string(),
  asOf: z.string(),
  source: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number(),
  members: z.array(rosterMemberViewSchema),
  /** Against the roster before it (by date). */
  changes: z.object({ added: z.array(z.string()), removed: z.array(z.string()) }).nullable(),
});

export const meetingSchema = z.object({
  id: z.string(),
  bodyId: z.string(),
  bodyName: z.string(),
  date: z.string(),
  fy: z.number(),
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  number: z.string().nullable(),
  title: z.string().nullable(),
  place: z.string().nullable(),
  status: meetingStatusSchema,
  agenda: z.string().nullable(),
  minutes: z.string().nullable(),
  decisions: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number(),
  actions: z.array(linkedActionSchema),
});

const meetingCountsSchema = z.array(z.object({ fy: z.number(), count: z.number() }));

export const bodyListSchema = z.object({
  bodies: z.array(
    bodySchema.extend({
      currentRoster: z.object({ id: z.string(), asOf: z.string(), memberCount: z.number() }).nullable(),
      meetingCounts: meetingCountsSchema,
      plannedCount: z.number(),
    }),
  ),
  /** Fiscal years that have held meetings, for the table of counts. */
  years: z.array(z.number()),
});

export const bodyDetailSchema = z.object({
  body: bodySchema,
  parent: z.object({ id: z.string(), name: z.string() }).nullable(),
  children: z.array(
    z.object({ id: z.string(), name: z.string(), kind: bodyKindSchema, number: z.string().nullable() }),
  ),
  rosters: z.array(rosterSchema),
  meetings: z.array(meetingSchema),
  meetingCounts: meetingCountsSchema,
});

export const meetingListSchema = z.object({ meetings: z.array(meetingSchema) });

export type BodyView = z.infer<typeof bodySchema>;
export type BodyList = z.infer<typeof bodyListSchema>;
export type BodyDetail = z.infer<typeof bodyDetailSchema>;
export type RosterView = z.infer<typeof rosterSchema>;
export type RosterMemberView = z.infer<typeof rosterMemberViewSchema>;
export type MeetingView = z.infer<typeof meetingSchema>;
export type MeetingList = z.infer<typeof meetingListSchema>;
export type RosterMemberInput = z.infer<typeof rosterMemberInputSchema>;
