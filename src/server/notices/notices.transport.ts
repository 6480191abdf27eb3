import nodemailer from 'nodemailer';

/**
 * How notices leave the server: e-mail through the deployment's SMTP server, and a JSON POST to an
 * incoming webhook. Both may fail (the mail server is down, the chat answers 500): the outbox retries.
 */

/** Settings of the deployment itself, from the environment (documented in the README). */
export interface NoticeDeployment {
  /** KISEKI_SMTP_URL, e.g. smtp://user:password@mail.example.lg.jp:587; null: no e-mail at all. */
  smtpUrl: string | null;
  /** KISEKI_MAIL_FROM, the sender of every e-mail. */
  mailFrom: string;
  /** KISEKI_PUBLIC_URL, where users reach Kiseki (https://kiseki.example.lg.jp), for links in notices. */
  publicUrl: string | null;
}

export function readNoticeDeployment(env: NodeJS.ProcessEnv = process.env): NoticeDeployment {
  const smtpUrl = env.KISEKI_SMTP_URL?.trim() || null;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) {
    throw new Error(`KISEKI_SMTP_URL must start with smtp:// or smtps://, got "${smtpUrl}"`);
  }
  const publicUrl = env.KISEKI_PUBLIC_URL?.trim().replace(/\/+$/, '') || null;
  return { smtpUrl, mailFrom: env.KISEKI_MAIL_FROM?.trim() || 'Kiseki <kiseki@localhost>', publicUrl };
}

export interface NoticeTransport {
  sendEmail: (message: { to: string[]; subject: string; text: string }) => Promise<void>;
  /** Slack-compatible incoming webhook (LoGoチャット accepts the same): `{ "text": … }`. */
  postWebhook: (message: { url: string; text: string }) => Promise<void>;
}

const TIMEOUT_MS = 15_000;

export function createNoticeTransport({ deployment }: { deployment: NoticeDeployment }): NoticeTransport {
  const mailer = deployment.smtpUrl
    ? nodemailer.createTransport({
        url: deployment.smtpUrl,
        connectionTimeout: TIMEOUT_MS,
        greetingTimeout: TIMEOUT_MS,
        socketTimeout: TIMEOUT_MS,
      })
    : null;
  return {
    sendEmail: async ({ to, subject, text }) => {
      if (!mailer) throw new Error('SMTPサーバーが設定されていません（KISEKI_SMTP_URL）');
      // Base64 keeps Japanese text intact through any relay, whatever it does to long lines.
      await mailer.sendMail({ from: deployment.mailFrom, to, subject, text, textEncoding: 'base64' });
    },
    postWebhook: async ({ url, text }) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ text }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: 'error',
      });
      if (!response.ok) throw new Error(`Webhook の送信先が HTTP ${response.status} を返しました`);
    },
  };
}
