import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { PASSWORD_MIN_LENGTH } from '../../../domain/account.schemas';
import type { InvitationInfo } from '../../../server/accounts/accounts.schemas';
import { ApiError, getJson, sendJson } from '../../api';
import { FormError, fieldError, TextField } from '../../components/Form';
import { Loading } from '../../components/StatusViews';
import { formatPageTitle } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { useAreaMessages } from '../../i18n/i18n';
import { PlanText } from '../../i18n/PlanText';
import { accountMessages, findPasswordProblem, getRoleLabel } from './account.messages';

/** The page an invitation (or password-reset) link opens: the invitee chooses a password. */
export function InvitationPage({ token }: { token: string }) {
  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: ({ signal }) => getJson<InvitationInfo>(`/api/invitations/${encodeURIComponent(token)}`, signal),
    retry: false,
  });
  const { t } = useAreaMessages(accountMessages);
  if (invitation.isError) return <InvalidInvitation error={invitation.error} />;
  if (!invitation.data) return <Loading label={t('invitation.checking')} />;
  return <AcceptInvitationForm token={token} invitation={invitation.data} />;
}

function InvalidInvitation({ error }: { error: unknown }) {
  const { t } = useAreaMessages(accountMessages);
  useDocumentTitle(formatPageTitle(t('invitation.invalid')));
  return (
    <div className="narrow-page">
      <h1>{t('invitation.invalid')}</h1>
      <p>
        {error instanceof ApiError && error.status !== 0
          ? t('invitation.invalidDetail')
          : t('invitation.offline')}
      </p>
      <p>
        <Link to="/">{t('invitation.toLogin')}</Link>
      </p>
    </div>
  );
}

function AcceptInvitationForm({ token, invitation }: { token: string; invitation: InvitationInfo }) {
  const { t, locale } = useAreaMessages(accountMessages);
  const isReset = invitation.kind === 'reset';
  const title = t(isReset ? 'invitation.resetTitle' : 'invitation.registerTitle');
  useDocumentTitle(formatPageTitle(title));
  const [displayName, setDisplayName] = useState(invitation.displayName);
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [localErrors, setLocalErrors] = useState<{ password?: string; confirmation?: string }>({});
  const mutation = useMutation({
    mutationFn: () =>
      sendJson('POST', `/api/invitations/${encodeURIComponent(token)}/accept`, {
        password,
        ...(!isReset && { displayName }),
      }),
  });

  if (mutation.isSuccess) {
    return (
      <div className="narrow-page">
        <h1>{t(isReset ? 'invitation.resetDone' : 'invitation.registerDone')}</h1>
        <p role="status">{t('invitation.done', { login: invitation.login })}</p>
        <p>
          <Link to="/" className="button">
            {t('invitation.toLogin')}
          </Link>
        </p>
      </div>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problem = findPasswordProblem({ password, login: invitation.login, locale });
    const errors = {
      ...(problem && { password: problem }),
      ...(password !== confirmation && { confirmation: t('password.mismatch') }),
    };
    setLocalErrors(errors);
    if (Object.keys(errors).length === 0) mutation.mutate();
  };

  return (
    <div className="narrow-page">
      <h1>{title}</h1>
      <dl className="summary-list">
        <div>
          <dt>{t('field.municipality')}</dt>
          <dd>
            <PlanText>{invitation.municipalityName}</PlanText>
          </dd>
        </div>
        <div>
          <dt>{t('field.login')}</dt>
          <dd>{invitation.login}</dd>
        </div>
        <div>
          <dt>{t('field.role')}</dt>
          <dd>
            {locale === 'ja'
              ? invitation.roleLabel
              : getRoleLabel({ role: invitation.role, superAdmin: false, t })}
          </dd>
        </div>
      </dl>
      <form className="form" onSubmit={onSubmit} noValidate>
        <FormError error={mutation.error} />
        <input type="text" name="username" autoComplete="username" value={invitation.login} readOnly hidden />
        {!isReset && (
          <TextField
            id="display-name"
            label={t('field.displayName')}
            hint={t('invitation.displayNameHint')}
            value={displayName}
            onChange={(event) => setDisplayName(event.target.value)}
            error={fieldError(mutation.error, 'displayName')}
            required
          />
        )}
        <TextField
          id="password"
          type="password"
          label={t('field.password')}
          hint={t('invitation.passwordHint', { min: PASSWORD_MIN_LENGTH })}
          autoComplete="new-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={localErrors.password ?? fieldError(mutation.error, 'password')}
          required
        />
        <TextField
          id="password-confirmation"
          type="password"
          label={t('invitation.passwordConfirmation')}
          autoComplete="new-password"
          value={confirmation}
          onChange={(event) => setConfirmation(event.target.value)}
          error={localErrors.confirmation}
          required
        />
        <div className="form__actions">
          <button type="submit" className="button" disabled={mutation.isPending}>
            {t(isReset ? 'invitation.submitReset' : 'invitation.submitRegister')}
          </button>
        </div>
      </form>
    </div>
  );
}
