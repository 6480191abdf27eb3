import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { PASSWORD_MIN_LENGTH, passwordProblem } from '../../../domain/account.schemas';
import type { InvitationInfo } from '../../../server/accounts/accounts.schemas';
import { ApiError, getJson, sendJson } from '../../api';
import { FormError, fieldError, TextField } from '../../components/Form';
import { Loading } from '../../components/StatusViews';
import { formatPageTitle } from '../../format';
import { useDocumentTitle } from '../../hooks';

/** The page an invitation (or password-reset) link opens: the invitee chooses a password. */
export function InvitationPage({ token }: { token: string }) {
  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: ({ signal }) => getJson<InvitationInfo>(`/api/invitations/${encodeURIComponent(token)}`, signal),
    retry: false,
  });
  if (invitation.isError) return <InvalidInvitation error={invitation.error} />;
  if (!invitation.data) return <Loading label="招待の内容を確認しています…" />;
  return <AcceptInvitationForm token={token} invitation={invitation.data} />;
}

function InvalidInvitation({ error }: { error: unknown }) {
  useDocumentTitle(formatPageTitle('招待リンクが無効です'));
  return (
    <div className="narrow-page">
      <h1>招待リンクが無効です</h1>
      <p>
        {error instanceof ApiError && error.status !== 0
          ? 'このリンクはすでに使われたか、取り消されたか、有効期限（7日）が切れています。DX推進担当課（管理者）に再発行を依頼してください。'
          : 'サーバーに接続できませんでした。時間をおいてもう一度お試しください。'}
      </p>
      <p>
        <Link to="/">ログイン画面へ</Link>
      </p>
    </div>
  );
}

function AcceptInvitationForm({ token, invitation }: { token: string; invitation: InvitationInfo }) {
  const isReset = invitation.kind === 'reset';
  useDocumentTitle(formatPageTitle(isReset ? 'パスワードの再設定' : '利用者登録'));
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
        <h1>{isReset ? 'パスワードを設定しました' : '登録が完了しました'}</h1>
        <p role="status">
          ログインID「{invitation.login}」と、いま設定したパスワードでログインしてください。
        </p>
        <p>
          <Link to="/" className="button">
            ログイン画面へ
          </Link>
        </p>
      </div>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problem = passwordProblem({ password, login: invitation.login });
    const errors = {
      ...(problem && { password: problem }),
      ...(password !== confirmation && {
        confirmation: '確認のため、同じパスワードをもう一度入力してください',
      }),
    };
    setLocalErrors(errors);
    if (Object.keys(errors).length === 0) mutation.mutate();
  };

  return (
    <div className="narrow-page">
      <h1>{isReset ? 'パスワードの再設定' : '利用者登録'}</h1>
      <dl className="summary-list">
        <div>
          <dt>自治体</dt>
          <dd>{invitation.municipalityName}</dd>
        </div>
        <div>
          <dt>ログインID</dt>
          <dd>{invitation.login}</dd>
        </div>
        <div>
          <dt>役割</dt>
          <dd>{invitation.roleLabel}</dd>
        </div>
      </dl>
      <form className="form" onSubmit={onSubmit} noValidate>
        <FormError error={mutation.error} />
        <input type="text" name="username" autoComplete="username" value={invitation.login} readOnly hidden />
        {!isReset && (
          <TextField
            id="display-name"
            label="表示名"
            hint="変更履歴や提出状況に表示されます（例: デジタル戦略課 担当者）。"
            value={displayName}
            onChange={(event) => setDisplayName(event.target.value)}
            error={fieldError(mutation.error, 'displayName')}
            required
          />
        )}
        <TextField
          id="password"
          type="password"
          label="パスワード"
          hint={`${PASSWORD_MIN_LENGTH}文字以上。長い文（パスフレーズ）がおすすめです。`}
          autoComplete="new-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={localErrors.password ?? fieldError(mutation.error, 'password')}
          required
        />
        <TextField
          id="password-confirmation"
          type="password"
          label="パスワード（確認）"
          autoComplete="new-password"
          value={confirmation}
          onChange={(event) => setConfirmation(event.target.value)}
          error={localErrors.confirmation}
          required
        />
        <div className="form__actions">
          <button type="submit" className="button" disabled={mutation.isPending}>
            {isReset ? 'パスワードを設定する' : '登録する'}
          </button>
        </div>
      </form>
    </div>
  );
}
