import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { SessionResponse } from '../../../server/accounts/accounts.schemas';
import { sendJson } from '../../api';
import { replaceSession } from '../../auth/session';
import { FormError, fieldError, TextField } from '../../components/Form';
import { formatPageTitle } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { useAreaMessages } from '../../i18n/i18n';
import { accountMessages } from './account.messages';

/** Shown in place of any page while nobody is signed in; after login the page asked for appears. */
export function LoginPage() {
  const { t } = useAreaMessages(accountMessages);
  useDocumentTitle(formatPageTitle(t('login.title')));
  const queryClient = useQueryClient();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const mutation = useMutation({
    mutationFn: () => sendJson<SessionResponse>('POST', '/api/auth/login', { login, password }),
    onSuccess: (session) => replaceSession(queryClient, session),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };

  return (
    <div className="narrow-page">
      <h1>{t('login.title')}</h1>
      <p className="lead">{t('login.lead')}</p>
      <form className="form" onSubmit={onSubmit} noValidate>
        <FormError error={mutation.error} />
        <TextField
          id="login"
          name="username"
          label={t('field.login')}
          autoComplete="username"
          value={login}
          onChange={(event) => setLogin(event.target.value)}
          error={fieldError(mutation.error, 'login')}
          required
        />
        <TextField
          id="password"
          name="password"
          type="password"
          label={t('field.password')}
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={fieldError(mutation.error, 'password')}
          required
        />
        <div className="form__actions">
          <button type="submit" className="button" disabled={mutation.isPending}>
            {mutation.isPending ? t('login.pending') : t('login.submit')}
          </button>
        </div>
        <p className="field__hint">{t('login.forgotten')}</p>
      </form>
    </div>
  );
}
