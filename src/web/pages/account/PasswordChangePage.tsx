import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { PASSWORD_MIN_LENGTH, passwordProblem } from '../../../domain/account.schemas';
import { sendJson } from '../../api';
import { SESSION_QUERY_KEY, useSession } from '../../auth/session';
import { FormError, fieldError, TextField } from '../../components/Form';
import { formatPageTitle } from '../../format';
import { useDocumentTitle } from '../../hooks';

/**
 * Changing one's own password. `forced`: the first login with the one-time password, where nothing
 * else can be done until a new password is chosen.
 */
export function PasswordChangePage({ forced = false }: { forced?: boolean }) {
  useDocumentTitle(formatPageTitle('パスワードの変更'));
  return (
    <div className="narrow-page">
      <h1>パスワードの変更</h1>
      {forced && (
        <p className="notice" role="status">
          初回ログインのため、発行されたパスワードを自分だけが知るパスワードに変更してください。変更するまでほかの画面は使えません。
        </p>
      )}
      <PasswordChangeForm />
    </div>
  );
}

/** The form alone, for the account page. */
export function PasswordChangeForm() {
  const session = useSession();
  const queryClient = useQueryClient();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [localErrors, setLocalErrors] = useState<{ newPassword?: string; confirmation?: string }>({});
  const mutation = useMutation({
    mutationFn: () => sendJson('POST', '/api/auth/password', { currentPassword, newPassword }),
    onSuccess: () => {
      setCurrentPassword('');
      setNewPassword('');
      setConfirmation('');
      void queryClient.invalidateQueries({ queryKey: SESSION_QUERY_KEY });
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problem = passwordProblem({ password: newPassword, login: session?.user.login ?? '' });
    const errors = {
      ...(problem && { newPassword: problem }),
      ...(newPassword !== confirmation && {
        confirmation: '確認のため、同じパスワードをもう一度入力してください',
      }),
    };
    setLocalErrors(errors);
    if (Object.keys(errors).length > 0) return;
    mutation.mutate();
  };

  return (
    <>
      {mutation.isSuccess && (
        <p className="notice notice--success" role="status">
          パスワードを変更しました。ほかの端末でのログインは終了しました。
        </p>
      )}
      <form className="form" onSubmit={onSubmit} noValidate>
        <FormError error={mutation.error} />
        <input
          type="text"
          name="username"
          autoComplete="username"
          value={session?.user.login ?? ''}
          readOnly
          hidden
        />
        <TextField
          id="current-password"
          type="password"
          label="現在のパスワード"
          autoComplete="current-password"
          value={currentPassword}
          onChange={(event) => setCurrentPassword(event.target.value)}
          error={fieldError(mutation.error, 'currentPassword')}
          required
        />
        <TextField
          id="new-password"
          type="password"
          label="新しいパスワード"
          hint={`${PASSWORD_MIN_LENGTH}文字以上。長い文（パスフレーズ）がおすすめです。ログインIDを含めないでください。`}
          autoComplete="new-password"
          value={newPassword}
          onChange={(event) => setNewPassword(event.target.value)}
          error={localErrors.newPassword ?? fieldError(mutation.error, 'newPassword')}
          required
        />
        <TextField
          id="new-password-confirmation"
          type="password"
          label="新しいパスワード（確認）"
          autoComplete="new-password"
          value={confirmation}
          onChange={(event) => setConfirmation(event.target.value)}
          error={localErrors.confirmation}
          required
        />
        <div className="form__actions">
          <button type="submit" className="button" disabled={mutation.isPending}>
            {mutation.isPending ? '変更しています…' : 'パスワードを変更する'}
          </button>
        </div>
      </form>
    </>
  );
}
