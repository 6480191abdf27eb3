import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import type { NotificationSettingsResponse } from '../../../server/notices/notices.routes';
import { ApiError, getJson, sendJson } from '../../api';
import { useSession } from '../../auth/session';
import { FormError, fieldError, TextField } from '../../components/Form';
import { ErrorState, Loading } from '../../components/StatusViews';
import { formatPageTitle } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { formatDateTime } from '../rounds/parts';

const settingsKey = (municipalityId: string) =>
  ['municipalities', municipalityId, 'notification-settings'] as const;
const settingsPath = (municipalityId: string) =>
  `/api/municipalities/${encodeURIComponent(municipalityId)}/notification-settings`;

const kindLabels: Record<NotificationSettingsResponse['notices'][number]['kind'], string> = {
  reminder: '提出期限のお知らせ',
  returned: '差し戻し',
  accepted: '承認',
  test: 'テスト',
};

const statusLabels: Record<NotificationSettingsResponse['notices'][number]['status'], string> = {
  pending: '送信待ち',
  sent: '送信済み',
  failed: '送信できず（再送待ち）',
};

/** The admin's notification settings: reminder days, e-mail, the chat webhook, and the outbox. */
export function NotificationSettingsPage({ municipalityId }: { municipalityId: string }) {
  const session = useSession();
  const municipality = session?.memberships.find((m) => m.municipality.id === municipalityId)?.municipality;
  useDocumentTitle(formatPageTitle('通知設定', municipality?.name ?? ''));
  const query = useQuery({
    queryKey: settingsKey(municipalityId),
    queryFn: ({ signal }) => getJson<NotificationSettingsResponse>(settingsPath(municipalityId), signal),
  });
  if (query.isError)
    return <ErrorState error={query.error} subject="list" onRetry={() => void query.refetch()} />;
  if (!query.data) return <Loading label="通知設定を読み込んでいます…" />;
  return (
    <>
      <h1>
        <span className="heading-prefix">{municipality?.name}</span>通知設定
      </h1>
      <p className="lead">
        進捗確認の提出期限が近づいたとき（まだ提出していない課へ）と、DX推進担当課が差し戻し・承認したとき（その課へ）に、メールとチャット（LoGoチャットなど）でお知らせします。
      </p>
      <SettingsForm municipalityId={municipalityId} data={query.data} />
      <TestNotice municipalityId={municipalityId} />
      <NoticeList municipalityId={municipalityId} notices={query.data.notices} />
    </>
  );
}

function SettingsForm({
  municipalityId,
  data,
}: {
  municipalityId: string;
  data: NotificationSettingsResponse;
}) {
  const id = useId();
  const queryClient = useQueryClient();
  const { settings } = data;
  const [days, setDays] = useState(String(settings.reminderDaysBefore));
  const [emailEnabled, setEmailEnabled] = useState(settings.emailEnabled);
  const [webhookUrl, setWebhookUrl] = useState(settings.webhookUrl ?? '');
  const mutation = useMutation({
    mutationFn: () =>
      sendJson('PUT', settingsPath(municipalityId), {
        reminderDaysBefore: Number(days),
        emailEnabled,
        webhookUrl: webhookUrl.trim() || null,
        version: settings.version,
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: settingsKey(municipalityId) }),
  });
  const conflict = mutation.error instanceof ApiError && mutation.error.code === 'record.conflict';
  return (
    <form
      className="form narrow-page"
      aria-labelledby={`${id}-heading`}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        mutation.mutate();
      }}
    >
      <h2 id={`${id}-heading`}>設定</h2>
      <FormError error={mutation.error} />
      {conflict && (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void queryClient.invalidateQueries({ queryKey: settingsKey(municipalityId) })}
        >
          最新の設定を読み込む
        </button>
      )}
      <TextField
        id={`${id}-days`}
        label="提出期限の何日前からお知らせするか"
        hint="0〜30日。まだ提出していない課に、この日数前から期限当日までの間に1回お知らせします。"
        type="number"
        min={0}
        max={30}
        required
        value={days}
        onChange={(event) => setDays(event.target.value)}
        error={fieldError(mutation.error, 'reminderDaysBefore')}
      />
      <fieldset className="field fieldset">
        <legend className="field__label">メール</legend>
        {!data.emailAvailable && (
          <p className="field__hint" id={`${id}-email-hint`}>
            このサーバーにはメール送信の設定（環境変数 KISEKI_SMTP_URL）がないため、メールは送信されません。
          </p>
        )}
        <label>
          <input
            type="checkbox"
            checked={emailEnabled}
            onChange={(event) => setEmailEnabled(event.target.checked)}
            aria-describedby={data.emailAvailable ? undefined : `${id}-email-hint`}
          />{' '}
          担当課の利用者（メールアドレスを登録している人）にメールで知らせる
        </label>
        {data.mailFrom && <p className="field__hint">送信元: {data.mailFrom}</p>}
      </fieldset>
      <TextField
        id={`${id}-webhook`}
        label="チャットの Webhook URL（任意）"
        hint={
          'LoGoチャットや Slack 互換の「Incoming Webhook」の URL。{ "text": … } の形で送ります。空欄にすると送りません。'
        }
        type="url"
        value={webhookUrl}
        onChange={(event) => setWebhookUrl(event.target.value)}
        error={fieldError(mutation.error, 'webhookUrl')}
      />
      {mutation.isSuccess && (
        <p className="notice notice--success" role="status">
          保存しました。
        </p>
      )}
      <div className="form__actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          設定を保存する
        </button>
      </div>
      {settings.updatedAt && <p className="field__hint">最終更新: {formatDateTime(settings.updatedAt)}</p>}
    </form>
  );
}

function TestNotice({ municipalityId }: { municipalityId: string }) {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => sendJson<{ queued: number }>('POST', `${settingsPath(municipalityId)}/test`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: settingsKey(municipalityId) }),
  });
  return (
    <section className="section" aria-labelledby="test-notice-heading">
      <h2 id="test-notice-heading">テスト送信</h2>
      <p>保存した設定で、自分のメールアドレスと Webhook にテストのお知らせを送ります。</p>
      <FormError error={mutation.error} />
      {mutation.isSuccess && (
        <p className="notice notice--success" role="status">
          テストのお知らせを送信の順番待ちに入れました（{mutation.data.queued}
          件）。下の一覧で結果を確認できます。
        </p>
      )}
      <button
        type="button"
        className="button button--secondary"
        disabled={mutation.isPending}
        onClick={() => mutation.mutate()}
      >
        テストを送信する
      </button>
    </section>
  );
}

function NoticeList({
  municipalityId,
  notices,
}: {
  municipalityId: string;
  notices: NotificationSettingsResponse['notices'];
}) {
  const queryClient = useQueryClient();
  const retry = useMutation({
    mutationFn: (noticeId: string) =>
      sendJson(
        'POST',
        `/api/municipalities/${encodeURIComponent(municipalityId)}/notices/${encodeURIComponent(noticeId)}/retry`,
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: settingsKey(municipalityId) }),
  });
  return (
    <section className="section" aria-labelledby="notices-heading">
      <h2 id="notices-heading">最近のお知らせ</h2>
      <p>
        お知らせはいったん送信待ちの一覧に入り、順に送信されます。メールサーバーやチャットに届かないときは、間隔をあけて自動で送り直します（失われません）。
      </p>
      <FormError error={retry.error} />
      {notices.length === 0 ? (
        <p className="muted">まだお知らせはありません。</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">最近のお知らせ（新しい順）</caption>
            <thead>
              <tr>
                <th scope="col">作成</th>
                <th scope="col">種類</th>
                <th scope="col">件名</th>
                <th scope="col">送信先</th>
                <th scope="col">状況</th>
              </tr>
            </thead>
            <tbody>
              {notices.map((notice) => (
                <tr key={notice.id}>
                  <td>{formatDateTime(notice.createdAt)}</td>
                  <td>{kindLabels[notice.kind]}</td>
                  <th scope="row">{notice.subject}</th>
                  <td>{notice.channel === 'email' ? `メール（${notice.recipientCount}人）` : 'チャット'}</td>
                  <td>
                    {notice.status === 'sent' ? (
                      <>
                        <span aria-hidden="true">✓ </span>
                        {statusLabels.sent}（{formatDateTime(notice.sentAt)}）
                      </>
                    ) : (
                      <>
                        {notice.status === 'failed' && <span aria-hidden="true">⚠ </span>}
                        {statusLabels[notice.status]}
                        {notice.attempts > 0 && `（${notice.attempts}回試行）`}
                        {notice.lastError && (
                          <span className="cell-note">最後のエラー: {notice.lastError}</span>
                        )}
                        {notice.status === 'pending' && notice.attempts > 0 && (
                          <span className="cell-note">次の送信: {formatDateTime(notice.nextAttemptAt)}</span>
                        )}
                        {notice.status === 'failed' && (
                          <button
                            type="button"
                            className="button button--small button--secondary"
                            disabled={retry.isPending}
                            onClick={() => retry.mutate(notice.id)}
                          >
                            再送する<span className="visually-hidden">（{notice.subject}）</span>
                          </button>
                        )}
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
