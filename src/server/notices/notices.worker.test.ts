import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { DatabaseConnection } from '../../db/database.js';
import { createTestDatabase } from '../../db/test-database.js';
import type { Actor } from '../../domain/policy.js';
import { updateUser } from '../accounts/accounts.repository.js';
import { listDepartments } from '../departments/departments.repository.js';
import { buildPlanDocumentInput } from '../plans/plans.test-fixtures.js';
import { importPlanDocument } from '../plans/plans.usecases.js';
import { progressRoundsTable, roundSubmissionsTable } from '../rounds/rounds.table.js';
import { openRound } from '../rounds/rounds.usecases.js';
import { returnSubmission, submitDepartment } from '../rounds/submissions.usecases.js';
import { createTestUser } from '../test-support.js';
import { noticesTable, notificationSettingsTable } from './notices.table.js';
import { createNoticeTransport, type NoticeDeployment } from './notices.transport.js';
import { updateNotificationSettings } from './notices.usecases.js';
import { createNoticeWorker } from './notices.worker.js';

/*
 * The outbox against a real SMTP listener (smtp-server on the loopback interface) and a real HTTP
 * server standing in for LoGoチャット's incoming webhook. The clock is the test's.
 */

interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
}

/** Reads an RFC 2047 subject and the base64 body that Kiseki sends. */
function parseMail(raw: string, to: string[]): ReceivedMail {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const subjectLine = /^Subject: (.*)$/m.exec(unfolded)?.[1] ?? '';
  const subject = subjectLine
    .replace(/=\?UTF-8\?B\?([^?]*)\?=\s*/gi, (_match, encoded: string) =>
      Buffer.from(encoded, 'base64').toString('utf8'),
    )
    .replace(/=\?UTF-8\?Q\?([^?]*)\?=\s*/gi, (_match, encoded: string) =>
      Buffer.from(
        encoded
          .replace(/_/g, ' ')
          .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
        'latin1',
      ).toString('utf8'),
    );
  const text = Buffer.from(rest.join('\n').replace(/\s+/g, ''), 'base64').toString('utf8');
  return { to, subject, text };
}

async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function startSmtp(port: number, mails: ReceivedMail[]): Promise<SMTPServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push(
          parseMail(
            Buffer.concat(chunks).toString('utf8'),
            session.envelope.rcptTo.map((r) => r.address),
          ),
        );
        callback();
      });
    },
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

function stopSmtp(server: SMTPServer): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

let connection: DatabaseConnection;
let admin: Actor;
let editor: Actor;
let planId: string;
let municipalityId: string;
let digitalId: string;
let smtpPort: number;
let smtp: SMTPServer | null = null;
let mails: ReceivedMail[] = [];
let webhook: HttpServer;
let webhookUrl: string;
let webhookStatus = 200;
let chats: { text: string }[] = [];
let deployment: NoticeDeployment;

beforeAll(async () => {
  connection = await createTestDatabase();
  const { db } = connection;
  const saved = await importPlanDocument({ db, input: buildPlanDocumentInput() });
  planId = saved.planId;
  municipalityId = saved.municipalityId;
  digitalId = (await listDepartments({ db, municipalityId })).find((d) => d.key === 'digital')!.id;
  const adminUser = await createTestUser({
    db,
    login: 'office',
    displayName: 'DX推進担当',
    superAdmin: true,
  });
  admin = { userId: adminUser.id, displayName: 'DX推進担当', superAdmin: true, memberships: [] };
  const clerk = await createTestUser({
    db,
    login: 'digital-clerk',
    displayName: 'デジタル戦略課 担当',
    membership: { municipalityId, role: 'editor', departmentIds: [digitalId] },
  });
  await updateUser({ db, userId: clerk.id, values: { email: 'digital@city.example.lg.jp' } });
  editor = {
    userId: clerk.id,
    displayName: 'デジタル戦略課 担当',
    superAdmin: false,
    memberships: [{ municipalityId, role: 'editor', departmentIds: [digitalId] }],
  };
  // A clerk of the same department without an address, and one of another department: neither is written to.
  await createTestUser({
    db,
    login: 'no-mail',
    membership: { municipalityId, role: 'editor', departmentIds: [digitalId] },
  });

  webhook = createHttpServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (webhookStatus === 200) chats.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      response.statusCode = webhookStatus;
      response.end();
    });
  });
  await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
  const address = webhook.address();
  webhookUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hooks/secret-token`;

  smtpPort = await findFreePort();
  deployment = {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    mailFrom: 'Kiseki <kiseki@city.example.lg.jp>',
    publicUrl: 'https://kiseki.city.example.lg.jp',
  };
  await updateNotificationSettings({
    db,
    actor: admin,
    municipalityId,
    input: { reminderDaysBefore: 3, emailEnabled: true, webhookUrl, version: 1 },
  });
  await openRound({ db, actor: admin, planId, input: { fy: 2024, month: 9, dueDate: '2024-10-15' } });
});

afterAll(async () => {
  if (smtp) await stopSmtp(smtp);
  await new Promise((resolve) => webhook?.close(resolve));
  await connection?.close();
});

beforeEach(async () => {
  mails = [];
  chats = [];
  webhookStatus = 200;
  await connection.db.delete(noticesTable);
});

afterEach(async () => {
  if (smtp) await stopSmtp(smtp);
  smtp = null;
});

function createWorker(now: { value: Date }) {
  return createNoticeWorker({
    db: connection.db,
    deployment,
    transport: createNoticeTransport({ deployment }),
    clock: () => now.value,
  });
}

async function listNotices() {
  return connection.db.select().from(noticesTable).orderBy(noticesTable.channel);
}

describe('reminders before the due date', () => {
  test('nothing is sent four days before; three days before, each department not in gets one e-mail and one chat message, once', async () => {
    smtp = await startSmtp(smtpPort, mails);
    const now = { value: new Date('2024-10-11T01:00:00Z') };
    const worker = createWorker(now);

    expect(await worker.runOnce()).toEqual({ queued: 0, sent: 0, failed: 0 });

    now.value = new Date('2024-10-12T01:00:00Z');
    // デジタル戦略課 (one editor with an address) and 税務課 (nobody with an address: chat only).
    expect(await worker.runOnce()).toEqual({ queued: 3, sent: 3, failed: 0 });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(['digital@city.example.lg.jp']);
    expect(mails[0]!.subject).toBe(
      '【Kiseki】令和6年度 9月の進捗確認の提出期限が近づいています（デジタル戦略課）',
    );
    expect(mails[0]!.text).toContain('提出期限は 令和6年10月15日（あと3日） です。');
    expect(mails[0]!.text).toContain(`入力ページ: https://kiseki.city.example.lg.jp/plans/${planId}/rounds/`);
    expect(chats.map((chat) => chat.text.split('\n')[0])).toEqual(
      expect.arrayContaining([
        '【Kiseki】令和6年度 9月の進捗確認の提出期限が近づいています（デジタル戦略課）',
        '【Kiseki】令和6年度 9月の進捗確認の提出期限が近づいています（税務課）',
      ]),
    );

    now.value = new Date('2024-10-13T01:00:00Z');
    expect(await worker.runOnce()).toEqual({ queued: 0, sent: 0, failed: 0 });
    expect(mails).toHaveLength(1);
  });
});

describe('when the mail server is down', () => {
  test('the notice waits with its error and is delivered once the server is back', async () => {
    const now = { value: new Date('2024-10-12T01:00:00Z') };
    const worker = createWorker(now);

    const first = await worker.runOnce();
    expect(first).toEqual({ queued: 3, sent: 2, failed: 1 });
    const [email] = (await listNotices()).filter((notice) => notice.channel === 'email');
    expect(email).toMatchObject({ status: 'pending', attempts: 1, sentAt: null });
    expect(email!.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(email!.nextAttemptAt.toISOString()).toBe('2024-10-12T01:01:00.000Z');

    smtp = await startSmtp(smtpPort, mails);
    now.value = new Date('2024-10-12T01:00:30Z');
    expect(await worker.runOnce()).toEqual({ queued: 0, sent: 0, failed: 0 });

    now.value = new Date('2024-10-12T01:01:00Z');
    expect(await worker.runOnce()).toEqual({ queued: 0, sent: 1, failed: 0 });
    expect(mails.map((mail) => mail.to)).toEqual([['digital@city.example.lg.jp']]);
    const [delivered] = (await listNotices()).filter((notice) => notice.channel === 'email');
    expect(delivered).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  test('a webhook that answers 500 is retried with a longer wait each time, then delivered', async () => {
    smtp = await startSmtp(smtpPort, mails);
    webhookStatus = 500;
    const now = { value: new Date('2024-10-12T01:00:00Z') };
    const worker = createWorker(now);

    expect(await worker.runOnce()).toMatchObject({ sent: 1, failed: 2 });
    now.value = new Date('2024-10-12T01:01:00Z');
    expect(await worker.runOnce()).toMatchObject({ sent: 0, failed: 2 });
    const waiting = (await listNotices()).filter((notice) => notice.channel === 'webhook');
    expect(waiting.map((notice) => [notice.attempts, notice.nextAttemptAt.toISOString()])).toEqual([
      [2, '2024-10-12T01:03:00.000Z'],
      [2, '2024-10-12T01:03:00.000Z'],
    ]);
    expect(waiting[0]!.lastError).toBe('Webhook の送信先が HTTP 500 を返しました');

    webhookStatus = 200;
    now.value = new Date('2024-10-12T01:03:00Z');
    expect(await worker.runOnce()).toMatchObject({ sent: 2, failed: 0 });
    expect(chats).toHaveLength(2);
  });
});

describe('notices on return and acceptance', () => {
  test('returning a submission queues the notice in the same transaction, with the office’s comment', async () => {
    smtp = await startSmtp(smtpPort, mails);
    // The notice is queued at the real time of the return; the round's due date (2024) is long past,
    // so no reminder joins in.
    const now = { value: new Date(Date.now() + 1000) };
    const submission = await submitDepartment({
      db: connection.db,
      actor: editor,
      planId,
      roundId: await findRoundId(),
      departmentId: digitalId,
      version: await findSubmissionVersion(),
    });
    await returnSubmission({
      db: connection.db,
      actor: admin,
      planId,
      roundId: await findRoundId(),
      departmentId: digitalId,
      version: submission.version,
      comment: 'KPIの時点を確認してください',
      deployment,
    });
    expect((await listNotices()).map((notice) => [notice.kind, notice.channel, notice.status])).toEqual([
      ['returned', 'email', 'pending'],
      ['returned', 'webhook', 'pending'],
    ]);

    expect(await createWorker(now).runOnce()).toEqual({ queued: 0, sent: 2, failed: 0 });
    expect(mails[0]!.subject).toBe(
      '【Kiseki】令和6年度 9月の進捗確認：差し戻しがありました（デジタル戦略課）',
    );
    expect(mails[0]!.text).toContain('コメント: KPIの時点を確認してください');
    expect(chats[0]!.text).toContain('差し戻しがありました');
  });

  test('a municipality with e-mail off and no webhook gets nothing queued', async () => {
    await connection.db
      .update(notificationSettingsTable)
      .set({ emailEnabled: false, webhookUrl: null })
      .where(eq(notificationSettingsTable.municipalityId, municipalityId));
    const now = { value: new Date('2024-10-12T01:00:00Z') };
    expect(await createWorker(now).runOnce()).toEqual({ queued: 0, sent: 0, failed: 0 });
    await connection.db
      .update(notificationSettingsTable)
      .set({ emailEnabled: true, webhookUrl })
      .where(eq(notificationSettingsTable.municipalityId, municipalityId));
  });
});

describe('the worker loop', () => {
  test('started, it delivers on its own; stopped, it finishes the pass in progress and runs no more', async () => {
    smtp = await startSmtp(smtpPort, mails);
    const now = { value: new Date('2024-10-14T01:00:00Z') };
    const worker = createNoticeWorker({
      db: connection.db,
      deployment,
      transport: createNoticeTransport({ deployment }),
      clock: () => now.value,
      intervalMs: 10,
    });
    worker.start();
    await expect.poll(() => chats.length, { timeout: 10_000 }).toBeGreaterThan(0);
    await worker.stop();
    const count = (await listNotices()).length;
    now.value = new Date('2024-10-15T01:00:00Z');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await listNotices()).length).toBe(count);
  });
});

async function findRoundId(): Promise<string> {
  const [round] = await connection.db.select({ id: progressRoundsTable.id }).from(progressRoundsTable);
  return round!.id;
}

async function findSubmissionVersion(): Promise<number> {
  const [submission] = await connection.db
    .select({ version: roundSubmissionsTable.version })
    .from(roundSubmissionsTable)
    .where(eq(roundSubmissionsTable.departmentId, digitalId));
  return submission!.version;
}
