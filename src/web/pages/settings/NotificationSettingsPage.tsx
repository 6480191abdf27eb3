import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import type { NotificationSettingsResponse } from '../../../server/notices/notices.routes';
import { ApiError, getJson, sendJson } from '../../api';
import { useSession } from '../../auth/session';
import { FormError, fieldError, TextField } from '../../components/Form';
import { ErrorState, Loading } from '../../components/StatusViews';
import { formatDateTime, formatPageTitle } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { useAreaMessages } from '../../i18n/i18n';
import { PlanText } from '../../i18n/PlanText';
import { settingsMessages } from './settings.messages';

const settingsKey = (municipalityId: string) =>
  ['municipalities', municipalityId, 'notification-settings'] as const;
const settingsPath = (municipalityId: string) =>
  `/api/municipalities/${encodeURIComponent(municipalityId)}/notification-settings`;

/** The admin's notification settings: reminder days, e-mail, the chat webhook, and the outbox. */
export function NotificationSettingsPage({ municipalityId }: { municipalityId: string }) {
  const session = useSession();
  const { t } = useAreaMessages(settingsMessages);
  const municipality = session?.memberships.find((m) => m.municipality.id === municipalityId)?.municipality;
  useDocumentTitle(formatPageTitle(t('notifications.title'), municipality?.name ?? ''));
  const query = useQuery({
    queryKey: settingsKey(municipalityId),
    queryFn: ({ signal }) => getJson<NotificationSettingsResponse>(settingsPath(municipalityId), signal),
  });
  if (query.isError)
    return <ErrorState error={query.error} subject="list" onRetry={() => void query.refetch()} />;
  if (!query.data) return <Loading label={t('notifications.loading')} />;
  return (
    <>
      <h1>
        <span className="heading-prefix">
          <PlanText>{municipality?.name}</PlanText>
        </span>
        {t('notifications.title')}
      </h1>
      <p className="lead">{t('notifications.lead')}</p>
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
  const { t, locale } = useAreaMessages(settingsMessages);
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
      <h2 id={`${id}-heading`}>{t('settings.heading')}</h2>
      <FormError error={mutation.error} />
      {conflict && (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void queryClient.invalidateQueries({ queryKey: settingsKey(municipalityId) })}
        >
          {t('settings.reload')}
        </button>
      )}
      <TextField
        id={`${id}-days`}
        label={t('settings.days')}
        hint={t('settings.daysHint')}
        type="number"
        min={0}
        max={30}
        required
        value={days}
        onChange={(event) => setDays(event.target.value)}
        error={fieldError(mutation.error, 'reminderDaysBefore')}
      />
      <fieldset className="field fieldset">
        <legend className="field__label">{t('settings.email')}</legend>
        {!data.emailAvailable && (
          <p className="field__hint" id={`${id}-email-hint`}>
            {t('settings.emailUnavailable')}
          </p>
        )}
        <label>
          <input
            type="checkbox"
            checked={emailEnabled}
            onChange={(event) => setEmailEnabled(event.target.checked)}
            aria-describedby={data.emailAvailable ? undefined : `${id}-email-hint`}
          />{' '}
          {t('settings.emailEnabled')}
        </label>
        {data.mailFrom && <p className="field__hint">{t('settings.mailFrom', { address: data.mailFrom })}</p>}
      </fieldset>
      <TextField
        id={`${id}-webhook`}
        label={t('settings.webhook')}
        hint={t('settings.webhookHint')}
        type="url"
        value={webhookUrl}
        onChange={(event) => setWebhookUrl(event.target.value)}
        error={fieldError(mutation.error, 'webhookUrl')}
      />
      {mutation.isSuccess && (
        <p className="notice notice--success" role="status">
          {t('settings.saved')}
        </p>
      )}
      <div className="form__actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          {t('settings.save')}
        </button>
      </div>
      {settings.updatedAt && (
        <p className="field__hint">
          {t('settings.updatedAt', { dateTime: formatDateTime({ iso: settings.updatedAt, locale }) })}
        </p>
      )}
    </form>
  );
}

function TestNotice({ municipalityId }: { municipalityId: string }) {
  const queryClient = useQueryClient();
  const { t } = useAreaMessages(settingsMessages);
  const mutation = useMutation({
    mutationFn: () => sendJson<{ queued: number }>('POST', `${settingsPath(municipalityId)}/test`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: settingsKey(municipalityId) }),
  });
  return (
    <section className="section" aria-labelledby="test-notice-heading">
      <h2 id="test-notice-heading">{t('test.heading')}</h2>
      <p>{t('test.lead')}</p>
      <FormError error={mutation.error} />
      {mutation.isSuccess && (
        <p className="notice notice--success" role="status">
          {t('test.queued', { count: mutation.data.queued })}
        </p>
      )}
      <button
        type="button"
        className="button button--secondary"
        disabled={mutation.isPending}
        onClick={() => mutation.mutate()}
      >
        {t('test.send')}
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
  const { t, locale } = useAreaMessages(settingsMessages);
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
      <h2 id="notices-heading">{t('notices.heading')}</h2>
      <p>{t('notices.lead')}</p>
      <FormError error={retry.error} />
      {notices.length === 0 ? (
        <p className="muted">{t('notices.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t('notices.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('notices.colCreated')}</th>
                <th scope="col">{t('notices.colKind')}</th>
                <th scope="col">{t('notices.colSubject')}</th>
                <th scope="col">{t('notices.colChannel')}</th>
                <th scope="col">{t('notices.colStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {notices.map((notice) => (
                <tr key={notice.id}>
                  <td>{formatDateTime({ iso: notice.createdAt, locale })}</td>
                  <td>{t(`notices.kind.${notice.kind}`)}</td>
                  <th scope="row">
                    <PlanText>{notice.subject}</PlanText>
                  </th>
                  <td>
                    {notice.channel === 'email'
                      ? t('notices.email', { count: notice.recipientCount })
                      : t('notices.chat')}
                  </td>
                  <td>
                    {notice.status === 'sent' ? (
                      <>
                        <span aria-hidden="true">✓ </span>
                        {t('notices.status.sent')}
                        {t('notices.sentAt', { dateTime: formatDateTime({ iso: notice.sentAt, locale }) })}
                      </>
                    ) : (
                      <>
                        {notice.status === 'failed' && <span aria-hidden="true">⚠ </span>}
                        {t(`notices.status.${notice.status}`)}
                        {notice.attempts > 0 && t('notices.attempts', { count: notice.attempts })}
                        {notice.lastError && (
                          <span className="cell-note">
                            {t('notices.lastError', { error: notice.lastError })}
                          </span>
                        )}
                        {notice.status === 'pending' && notice.attempts > 0 && (
                          <span className="cell-note">
                            {t('notices.nextAttempt', {
                              dateTime: formatDateTime({ iso: notice.nextAttemptAt, locale }),
                            })}
                          </span>
                        )}
                        {notice.status === 'failed' && (
                          <button
                            type="button"
                            className="button button--small button--secondary"
                            disabled={retry.isPending}
                            onClick={() => retry.mutate(notice.id)}
                          >
                            {t('notices.retry')}
                            <span className="visually-hidden">
                              {t('notices.retrySubject', { subject: notice.subject })}
                            </span>
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
