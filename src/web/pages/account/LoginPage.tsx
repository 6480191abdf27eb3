import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { SessionResponse } from '../../../server/accounts/accounts.schemas';
import { sendJson } from '../../api';
import { replaceSession } from '../../auth/session';
import { FormError, fieldError, TextField } from '../../components/Form';
import { formatPageTitle } from '../../format';
import { useDocumentTitle } from '../../hooks';

/** Shown in place of any page while nobody is signed in; after login the page asked for appears. */
export function LoginPage() {
  useDocumentTitle(formatPageTitle('ログイン'));
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
      <h1>ログイン</h1>
      <p className="lead">
        Kiseki（軌跡）を利用するには、DX推進担当課から発行されたログインIDとパスワードでログインしてください。
      </p>
      <form className="form" onSubmit={onSubmit} noValidate>
        <FormError error={mutation.error} />
        <TextField
          id="login"
          name="username"
          label="ログインID"
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
          label="パスワード"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={fieldError(mutation.error, 'password')}
          required
        />
        <div className="form__actions">
          <button type="submit" className="button" disabled={mutation.isPending}>
            {mutation.isPending ? 'ログインしています…' : 'ログイン'}
          </button>
        </div>
        <p className="field__hint">
          パスワードを忘れた場合は、DX推進担当課（管理者）にパスワード再設定リンクの発行を依頼してください。
        </p>
      </form>
    </div>
  );
}
