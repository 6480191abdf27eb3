import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { PASSWORD_MIN_LENGTH } from '../../../domain/account.schemas';
import { sendJson } from '../../api';
import { SESSION_QUERY_KEY, useSession } from '../../auth/session';
import { FormError, fieldError, TextField } from '../../components/Form';
import { formatPageTitle } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { useAreaMessages } from '../../i18n/i18n';
import { accountMessages, findPasswordProblem } from './account.messages';

/**
 * Changing one's own password. `forced`: the first login with the one-time password, where nothing
 * else can be done until a new password is chosen.
 */
export function PasswordChangePage({ forced = false }: { forced?: boolean }) {
  const { t } = useAreaMessages(accountMessages);
  useDocumentTitle(formatPageTitle(t('password.title')));
  return (
    <div className="narrow-page">
      <h1>{t('password.title')}</h1>
      {forced && (
        <p className="notice" role="status">
          {t('password.forced')}
        </p>
      )}
      <PasswordChangeForm />
    </div>
  );
}

/** The form alone, for the account page. */
export function PasswordChangeForm() {
  const { t, locale } = useAreaMessages(accountMessages);
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
    const problem = findPasswordProblem({ password: newPassword, login: session?.user.login ?? '', locale });
    const errors = {
      ...(problem && { newPassword: problem }),
      ...(newPassword !== confirmation && { confirmation: t('password.mismatch') }),
    };
    setLocalErrors(errors);
    if (Object.keys(errors).length > 0) return;
    mutation.mutate();
  };

  return (
    <>
      {mutation.isSuccess && (
        <p className="notice notice--success" role="status">
          {t('password.changed')}
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
          label={t('password.current')}
          autoComplete="current-password"
          value={currentPassword}
          onChange={(event) => setCurrentPassword(event.target.value)}
          error={fieldError(mutation.error, 'currentPassword')}
          required
        />
        <TextField
          id="new-password"
          type="password"
          label={t('password.new')}
          hint={t('password.newHint', { min: PASSWORD_MIN_LENGTH })}
          autoComplete="new-password"
          value={newPassword}
          onChange={(event) => setNewPassword(event.target.value)}
          error={localErrors.newPassword ?? fieldError(mutation.error, 'newPassword')}
          required
        />
        <TextField
          id="new-password-confirmation"
          type="password"
          label={t('password.newConfirmation')}
          autoComplete="new-password"
          value={confirmation}
          onChange={(event) => setConfirmation(event.target.value)}
          error={localErrors.confirmation}
          required
        />
        <div className="form__actions">
          <button type="submit" className="button" disabled={mutation.isPending}>
            {mutation.isPending ? t('password.pending') : t('password.submit')}
          </button>
        </div>
      </form>
    </>
  );
}
