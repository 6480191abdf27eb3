import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/app-error.js';
import type { Actor } from '../../domain/policy.js';
import { getJapanDate, isReminderDue } from '../../domain/progress-round.js';
import type { NotificationSettingsInput } from '../../domain/progress-round.schemas.js';
import { usersTable } from '../accounts/accounts.table.js';
import { recordAudit } from '../audit/audit.repository.js';
import { ensureCan } from '../authorization.js';
import { municipalitiesTable } from '../municipalities/municipalities.table.js';
import {
  buildReminderMessage,
  buildTestMessage,
  type NoticeMessage,
  toChatText,
} from './notices.messages.js';
import {
  claimDueNotices,
  getNotificationSettings,
  insertNotices,
  listDepartmentEmails,
  listRecentNotices,
  listReminderCandidates,
  markNoticeFailed,
  markNoticeSent,
  type NewNotice,
  type NoticeRecord,
  type NotificationSettingsRecord,
  requeueNotice,
  saveNotificationSettings,
} from './notices.repository.js';
import type { NoticeKind } from './notices.table.js';
import type { NoticeDeployment, NoticeTransport } from './notices.transport.js';

/** After this many failed attempts (about two days with the backoff below) a notice waits for an admin. */
export const MAX_NOTICE_ATTEMPTS = 48;

/** 1, 2, 4 … minutes after each failure, at most an hour. */
export function getRetryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/**
 * Queues a notice to a department's people: an e-mail to its editors (when the deployment has an SMTP
 * server and the municipality has e-mail on) and a chat message to the municipality's webhook. Call it
 * in the transaction of what caused it. `key` names the event; the same event is never queued twice.
 */
export async function queueDepartmentNotice({
  db,
  deployment,
  municipalityId,
  planId,
  roundId,
  departmentId,
  kind,
  key,
  message,
  now,
}: {
  db: Database;
  deployment: NoticeDeployment;
  municipalityId: string;
  planId: string;
  roundId: string;
  departmentId: string;
  kind: NoticeKind;
  key: string;
  message: NoticeMessage;
  now: Date;
}): Promise<number> {
  const settings = await getNotificationSettings({ db, municipalityId });
  const base = { municipalityId, planId, roundId, departmentId, kind, ...message, nextAttemptAt: now };
  const notices: NewNotice[] = [];
  if (deployment.smtpUrl && settings.emailEnabled) {
    const recipients = await listDepartmentEmails({ db, municipalityId, departmentId });
    if (recipients.length > 0) {
      notices.push({ ...base, channel: 'email', recipients, webhookUrl: null, dedupeKey: `${key}:email` });
    }
  }
  if (settings.webhookUrl) {
    notices.push({
      ...base,
      channel: 'webhook',
      recipients: [],
      webhookUrl: settings.webhookUrl,
      dedupeKey: `${key}:webhook`,
    });
  }
  return insertNotices({ db, notices });
}

/**
 * Queues a reminder for every department of an open round whose figures are not in, from N days before
 * the due date (the municipality's setting) to the date itself. One reminder per department and due
 * date: moving the due date allows one more.
 */
export async function queueDueReminders({
  db,
  deployment,
  now,
}: {
  db: Database;
  deployment: NoticeDeployment;
  now: Date;
}): Promise<number> {
  const today = getJapanDate(now);
  const settingsByMunicipality = new Map<string, NotificationSettingsRecord>();
  let queued = 0;
  for (const candidate of await listReminderCandidates({ db })) {
    let settings = settingsByMunicipality.get(candidate.municipalityId);
    if (!settings) {
      settings = await getNotificationSettings({ db, municipalityId: candidate.municipalityId });
      settingsByMunicipality.set(candidate.municipalityId, settings);
    }
    const due = isReminderDue({
      dueDate: candidate.dueDate,
      today,
      daysBefore: settings.reminderDaysBefore,
      status: candidate.status,
    });
    if (!due) continue;
    queued += await queueDepartmentNotice({
      db,
      deployment,
      municipalityId: candidate.municipalityId,
      planId: candidate.planId,
      roundId: candidate.roundId,
      departmentId: candidate.departmentId,
      kind: 'reminder',
      key: `reminder:${candidate.roundId}:${candidate.departmentId}:${candidate.dueDate}`,
      message: buildReminderMessage({
        planId: candidate.planId,
        planTitle: candidate.planTitle,
        round: {
          id: candidate.roundId,
          fy: candidate.fy,
          month: candidate.month,
          dueDate: candidate.dueDate,
        },
        department: { id: candidate.departmentId, name: candidate.departmentName },
        publicUrl: deployment.publicUrl,
        status: candidate.status,
        today,
      }),
      now,
    });
  }
  return queued;
}

/**
 * Delivers the notices that are due: each is sent once and marked sent, or its error is kept and it is
 * tried again later (with backoff), until it goes through or gives up after MAX_NOTICE_ATTEMPTS.
 */
export async function deliverDueNotices({
  db,
  transport,
  now,
  batchSize = 20,
}: {
  db: Database;
  transport: NoticeTransport;
  now: Date;
  batchSize?: number;
}): Promise<{ sent: number; failed: number }> {
  const claimed = await claimDueNotices({
    db,
    now,
    lockedUntil: new Date(now.getTime() + 5 * 60_000),
    limit: batchSize,
  });
  let sent = 0;
  let failed = 0;
  for (const notice of claimed) {
    try {
      await sendNotice({ notice, transport });
      await markNoticeSent({ db, noticeId: notice.id, now });
      sent++;
    } catch (error) {
      failed++;
      await markNoticeFailed({
        db,
        noticeId: notice.id,
        error: error instanceof Error ? error.message : String(error),
        nextAttemptAt: new Date(now.getTime() + getRetryDelayMs(notice.attempts)),
        giveUp: notice.attempts >= MAX_NOTICE_ATTEMPTS,
      });
    }
  }
  return { sent, failed };
}

async function sendNotice({ notice, transport }: { notice: NoticeRecord; transport: NoticeTransport }) {
  if (notice.channel === 'email') {
    await transport.sendEmail({ to: notice.recipients, subject: notice.subject, text: notice.body });
    return;
  }
  if (!notice.webhookUrl) throw new Error('Webhook の送信先がありません');
  await transport.postWebhook({ url: notice.webhookUrl, text: toChatText(notice) });
}

export interface NoticeView {
  id: string;
  kind: NoticeKind;
  channel: 'email' | 'webhook';
  subject: string;
  recipientCount: number;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string;
}

function toNoticeView(notice: NoticeRecord): NoticeView {
  return {
    id: notice.id,
    kind: notice.kind,
    channel: notice.channel,
    subject: notice.subject,
    recipientCount: notice.channel === 'email' ? notice.recipients.length : 1,
    status: notice.status,
    attempts: notice.attempts,
    lastError: notice.lastError,
    createdAt: notice.createdAt.toISOString(),
    sentAt: notice.sentAt?.toISOString() ?? null,
    nextAttemptAt: notice.nextAttemptAt.toISOString(),
  };
}

export interface NotificationSettingsView {
  settings: {
    reminderDaysBefore: number;
    emailEnabled: boolean;
    webhookUrl: string | null;
    updatedAt: string | null;
    version: number;
  };
  /** The deployment has an SMTP server (KISEKI_SMTP_URL): e-mail can be sent at all. */
  emailAvailable: boolean;
  mailFrom: string | null;
  notices: NoticeView[];
}

function toSettingsView(settings: NotificationSettingsRecord) {
  return {
    reminderDaysBefore: settings.reminderDaysBefore,
    emailEnabled: settings.emailEnabled,
    webhookUrl: settings.webhookUrl,
    updatedAt: settings.updatedAt?.toISOString() ?? null,
    version: settings.version,
  };
}

async function ensureMunicipalityName({ db, municipalityId }: { db: Database; municipalityId: string }) {
  const [row] = await db
    .select({ name: municipalitiesTable.name })
    .from(municipalitiesTable)
    .where(eq(municipalitiesTable.id, municipalityId));
  if (!row) throw new AppError({ code: 'municipality.not_found' });
  return row.name;
}

/** The municipality's notification settings and its latest notices, for the admin's settings screen. */
export async function getNotificationSettingsView({
  db,
  actor,
  municipalityId,
  deployment,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  deployment: NoticeDeployment;
}): Promise<NotificationSettingsView> {
  ensureCan(actor, 'settings.manage', { municipalityId });
  await ensureMunicipalityName({ db, municipalityId });
  const settings = await getNotificationSettings({ db, municipalityId });
  const notices = await listRecentNotices({ db, municipalityId, limit: 30 });
  return {
    settings: toSettingsView(settings),
    emailAvailable: deployment.smtpUrl !== null,
    mailFrom: deployment.smtpUrl ? deployment.mailFrom : null,
    notices: notices.map(toNoticeView),
  };
}

/** A webhook URL carries its secret in the path: the history keeps only where it points. */
function maskWebhookUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    return `${new URL(url).origin}/…`;
  } catch {
    return '…';
  }
}

export async function updateNotificationSettings({
  db,
  actor,
  municipalityId,
  input,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  input: NotificationSettingsInput;
}): Promise<NotificationSettingsView['settings']> {
  ensureCan(actor, 'settings.manage', { municipalityId });
  await ensureMunicipalityName({ db, municipalityId });
  return db.transaction(async (tx) => {
    const current = await getNotificationSettings({ db: tx, municipalityId, lock: true });
    if (current.version !== input.version) {
      throw new AppError({ code: 'record.conflict', details: { current: toSettingsView(current) } });
    }
    const values = {
      reminderDaysBefore: input.reminderDaysBefore,
      emailEnabled: input.emailEnabled,
      webhookUrl: input.webhookUrl,
    };
    const saved = await saveNotificationSettings({
      db: tx,
      municipalityId,
      stored: current.stored,
      values,
      userId: actor.userId,
    });
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'settings',
        subjectId: municipalityId,
        operation: 'update',
        summary: `通知設定を変更（提出期限の${values.reminderDaysBefore}日前からお知らせ・メール${values.emailEnabled ? 'あり' : 'なし'}・Webhook ${values.webhookUrl ? 'あり' : 'なし'}）`,
        before: {
          reminderDaysBefore: current.reminderDaysBefore,
          emailEnabled: current.emailEnabled,
          webhookUrl: maskWebhookUrl(current.webhookUrl),
        },
        after: { ...values, webhookUrl: maskWebhookUrl(values.webhookUrl) },
      },
    });
    return toSettingsView(saved);
  });
}

/** Puts a notice that gave up back in the queue, to be tried again at once. */
export async function retryNotice({
  db,
  actor,
  municipalityId,
  noticeId,
  now,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  noticeId: string;
  now: Date;
}): Promise<NoticeView> {
  ensureCan(actor, 'settings.manage', { municipalityId });
  return db.transaction(async (tx) => {
    const notice = await requeueNotice({ db: tx, municipalityId, noticeId, now });
    if (!notice) {
      throw new AppError({
        code: 'notice.not_found',
        message: '再送できる通知が見つかりません（送信済みか、まだ再試行中です）',
      });
    }
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'settings',
        subjectId: noticeId,
        operation: 'retry',
        summary: `送信できなかった通知「${notice.subject}」を再送`,
      },
    });
    return toNoticeView(notice);
  });
}

/** Queues a test message to the admin's own address and to the webhook, to check the settings. */
export async function sendTestNotice({
  db,
  actor,
  municipalityId,
  deployment,
  now,
}: {
  db: Database;
  actor: Actor;
  municipalityId: string;
  deployment: NoticeDeployment;
  now: Date;
}): Promise<{ queued: number }> {
  ensureCan(actor, 'settings.manage', { municipalityId });
  const municipalityName = await ensureMunicipalityName({ db, municipalityId });
  const [user] = await db
    .select({ email: usersTable.email })
    .from(usersTable)
    .where(eq(usersTable.id, actor.userId));
  return db.transaction(async (tx) => {
    const settings = await getNotificationSettings({ db: tx, municipalityId });
    const message = buildTestMessage({ municipalityName, actorName: actor.displayName });
    const key = `test:${randomUUID()}`;
    const base = {
      municipalityId,
      planId: null,
      roundId: null,
      departmentId: null,
      kind: 'test' as const,
      ...message,
      nextAttemptAt: now,
    };
    const notices: NewNotice[] = [];
    if (deployment.smtpUrl && settings.emailEnabled && user?.email) {
      notices.push({
        ...base,
        channel: 'email',
        recipients: [user.email],
        webhookUrl: null,
        dedupeKey: `${key}:email`,
      });
    }
    if (settings.webhookUrl) {
      notices.push({
        ...base,
        channel: 'webhook',
        recipients: [],
        webhookUrl: settings.webhookUrl,
        dedupeKey: `${key}:webhook`,
      });
    }
    if (notices.length === 0) {
      throw new AppError({
        code: 'request.invalid',
        message:
          'テストの送信先がありません。Webhook の URL を保存するか、メールを有効にして自分のメールアドレスを登録してください',
      });
    }
    const queued = await insertNotices({ db: tx, notices });
    await recordAudit({
      db: tx,
      actor,
      entry: {
        municipalityId,
        subjectType: 'settings',
        subjectId: municipalityId,
        operation: 'test',
        summary: `通知のテストを送信（${notices.map((notice) => (notice.channel === 'email' ? 'メール' : 'Webhook')).join('・')}）`,
      },
    });
    return { queued };
  });
}
