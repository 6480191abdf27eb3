import type { AreaMessages } from '../../i18n/i18n';

const ja = {
  'notifications.title': '通知設定',
  'notifications.loading': '通知設定を読み込んでいます…',
  'notifications.lead':
    '進捗確認の提出期限が近づいたとき（まだ提出していない課へ）と、DX推進担当課が差し戻し・承認したとき（その課へ）に、メールとチャット（LoGoチャットなど）でお知らせします。',

  'settings.heading': '設定',
  'settings.reload': '最新の設定を読み込む',
  'settings.days': '提出期限の何日前からお知らせするか',
  'settings.daysHint': '0〜30日。まだ提出していない課に、この日数前から期限当日までの間に1回お知らせします。',
  'settings.email': 'メール',
  'settings.emailUnavailable':
    'このサーバーにはメール送信の設定（環境変数 KISEKI_SMTP_URL）がないため、メールは送信されません。',
  'settings.emailEnabled': '担当課の利用者（メールアドレスを登録している人）にメールで知らせる',
  'settings.mailFrom': '送信元: {address}',
  'settings.webhook': 'チャットの Webhook URL（任意）',
  'settings.webhookHint':
    'LoGoチャットや Slack 互換の「Incoming Webhook」の URL。{ "text": … } の形で送ります。空欄にすると送りません。',
  'settings.saved': '保存しました。',
  'settings.save': '設定を保存する',
  'settings.updatedAt': '最終更新: {dateTime}',

  'test.heading': 'テスト送信',
  'test.lead': '保存した設定で、自分のメールアドレスと Webhook にテストのお知らせを送ります。',
  'test.queued': 'テストのお知らせを送信の順番待ちに入れました（{count}件）。下の一覧で結果を確認できます。',
  'test.send': 'テストを送信する',

  'notices.heading': '最近のお知らせ',
  'notices.lead':
    'お知らせはいったん送信待ちの一覧に入り、順に送信されます。メールサーバーやチャットに届かないときは、間隔をあけて自動で送り直します（失われません）。',
  'notices.empty': 'まだお知らせはありません。',
  'notices.caption': '最近のお知らせ（新しい順）',
  'notices.colCreated': '作成',
  'notices.colKind': '種類',
  'notices.colSubject': '件名',
  'notices.colChannel': '送信先',
  'notices.colStatus': '状況',
  'notices.kind.reminder': '提出期限のお知らせ',
  'notices.kind.returned': '差し戻し',
  'notices.kind.accepted': '承認',
  'notices.kind.test': 'テスト',
  'notices.status.pending': '送信待ち',
  'notices.status.sent': '送信済み',
  'notices.status.failed': '送信できず（再送待ち）',
  'notices.email': 'メール（{count}人）',
  'notices.chat': 'チャット',
  'notices.sentAt': '（{dateTime}）',
  'notices.attempts': '（{count}回試行）',
  'notices.lastError': '最後のエラー: {error}',
  'notices.nextAttempt': '次の送信: {dateTime}',
  'notices.retry': '再送する',
  'notices.retrySubject': '（{subject}）',
};

const en: Record<keyof typeof ja, string> = {
  'notifications.title': 'Notification settings',
  'notifications.loading': 'Loading the notification settings…',
  'notifications.lead':
    'Kiseki sends notices by e-mail and chat (LoGo Chat and the like) when the deadline of a progress round draws near (to the departments that have not submitted yet) and when the DX office returns or accepts a submission (to that department).',

  'settings.heading': 'Settings',
  'settings.reload': 'Load the latest settings',
  'settings.days': 'Days before the deadline to send the reminder',
  'settings.daysHint':
    '0 to 30 days. A department that has not submitted yet is reminded once, between this many days before the deadline and the deadline itself.',
  'settings.email': 'E-mail',
  'settings.emailUnavailable':
    'This server has no mail settings (the environment variable KISEKI_SMTP_URL), so no e-mail is sent.',
  'settings.emailEnabled':
    'Notify the departments’ users (those who have registered an e-mail address) by e-mail',
  'settings.mailFrom': 'Sender: {address}',
  'settings.webhook': 'Chat webhook URL (optional)',
  'settings.webhookHint':
    'The URL of an “Incoming Webhook” of LoGo Chat or a Slack-compatible chat. Notices are sent as { "text": … }. Leave it empty to send none.',
  'settings.saved': 'Saved.',
  'settings.save': 'Save the settings',
  'settings.updatedAt': 'Last updated: {dateTime}',

  'test.heading': 'Test notice',
  'test.lead': 'Sends a test notice to your own e-mail address and to the webhook, with the saved settings.',
  'test.queued': 'Test notices queued for sending: {count}. The list below shows the result.',
  'test.send': 'Send a test notice',

  'notices.heading': 'Recent notices',
  'notices.lead':
    'Notices first join the queue and are sent in turn. When the mail server or the chat cannot be reached, they are sent again automatically after a while (nothing is lost).',
  'notices.empty': 'There are no notices yet.',
  'notices.caption': 'Recent notices (newest first)',
  'notices.colCreated': 'Created',
  'notices.colKind': 'Kind',
  'notices.colSubject': 'Subject',
  'notices.colChannel': 'Sent to',
  'notices.colStatus': 'Status',
  'notices.kind.reminder': 'Deadline reminder',
  'notices.kind.returned': 'Returned',
  'notices.kind.accepted': 'Accepted',
  'notices.kind.test': 'Test',
  'notices.status.pending': 'Waiting to be sent',
  'notices.status.sent': 'Sent',
  'notices.status.failed': 'Not sent (waiting to be resent)',
  'notices.email': 'E-mail (recipients: {count})',
  'notices.chat': 'Chat',
  'notices.sentAt': ' ({dateTime})',
  'notices.attempts': ' (attempts: {count})',
  'notices.lastError': 'Last error: {error}',
  'notices.nextAttempt': 'Next attempt: {dateTime}',
  'notices.retry': 'Resend',
  'notices.retrySubject': ' ({subject})',
};

export const settingsMessages: AreaMessages<keyof typeof ja> = { ja, en };
