import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { type Role, roleLabels, roles } from '../../../domain/policy';
import type { MemberResponse, MembersResponse } from '../../../server/accounts/accounts.schemas';
import { ApiError, getJson, sendJson } from '../../api';
import { useSession } from '../../auth/session';
import { FormError, fieldError, SelectField, TextField } from '../../components/Form';
import { ErrorState, Loading } from '../../components/StatusViews';
import { formatPageTitle } from '../../format';
import { useDocumentTitle } from '../../hooks';

type Department = MembersResponse['departments'][number];

const membersKey = (municipalityId: string) => ['municipalities', municipalityId, 'members'] as const;

const roleOptions = roles.map((role) => ({ value: role, label: roleLabels[role] }));

/** The DX office's screen for who may use Kiseki: invite, change roles and departments, stop access. */
export function MembersPage({ municipalityId }: { municipalityId: string }) {
  const session = useSession();
  const municipality = session?.memberships.find((m) => m.municipality.id === municipalityId)?.municipality;
  useDocumentTitle(formatPageTitle('利用者管理', municipality?.name ?? ''));
  const query = useQuery({
    queryKey: membersKey(municipalityId),
    queryFn: ({ signal }) =>
      getJson<MembersResponse>(`/api/municipalities/${encodeURIComponent(municipalityId)}/members`, signal),
  });
  if (query.isError)
    return <ErrorState error={query.error} subject="list" onRetry={() => void query.refetch()} />;
  if (!query.data) return <Loading label="利用者の一覧を読み込んでいます…" />;
  const { members, invitations, departments } = query.data;
  const departmentName = (id: string) => departments.find((d) => d.id === id)?.name ?? '（不明な課）';

  return (
    <>
      <h1>
        <span className="heading-prefix">{municipality?.name}</span>利用者管理
      </h1>
      <p className="lead">
        利用者の役割は、管理者（DX推進担当課）・担当課（自課のタスクと指標を更新）・閲覧者（本部・協議会など）の3つです。
        担当課の利用者は、選んだ課のタスクだけを更新できます。
      </p>

      <section className="section" aria-labelledby="members-heading">
        <h2 id="members-heading">利用者（{members.length}人）</h2>
        <div className="table-scroll">
          <table className="data-table" data-testid="members-table">
            <thead>
              <tr>
                <th scope="col">表示名</th>
                <th scope="col">ログインID</th>
                <th scope="col">役割</th>
                <th scope="col">担当課</th>
                <th scope="col">最終ログイン</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {members.map((member) => (
                <MemberRow
                  key={member.id}
                  municipalityId={municipalityId}
                  member={member}
                  departments={departments}
                  departmentName={departmentName}
                  isSelf={member.id === session?.user.id}
                />
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {invitations.length > 0 && (
        <section className="section" aria-labelledby="invitations-heading">
          <h2 id="invitations-heading">未使用の招待・再設定リンク</h2>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">表示名</th>
                <th scope="col">ログインID</th>
                <th scope="col">種類</th>
                <th scope="col">有効期限</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((invitation) => (
                <InvitationRow key={invitation.id} municipalityId={municipalityId} invitation={invitation} />
              ))}
            </tbody>
          </table>
        </section>
      )}

      <InviteForm municipalityId={municipalityId} departments={departments} />
    </>
  );
}

function formatDateTime(value: string | null): string {
  if (!value) return '—';
  return new Date(value).toLocaleString('ja-JP', { dateStyle: 'medium', timeStyle: 'short' });
}

function MemberRow({
  municipalityId,
  member,
  departments,
  departmentName,
  isSelf,
}: {
  municipalityId: string;
  member: MemberResponse;
  departments: Department[];
  departmentName: (id: string) => string;
  isSelf: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const queryClient = useQueryClient();
  const base = `/api/municipalities/${encodeURIComponent(municipalityId)}/members/${encodeURIComponent(member.id)}`;
  const reset = useMutation({
    mutationFn: () => sendJson<{ token: string }>('POST', `${base}/password-reset`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: membersKey(municipalityId) }),
  });
  const remove = useMutation({
    mutationFn: () => sendJson('POST', `${base}/remove`, { version: member.version }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: membersKey(municipalityId) }),
  });

  return (
    <>
      <tr data-testid={`member-${member.login}`}>
        <th scope="row">{member.displayName}</th>
        <td>{member.login}</td>
        <td>{roleLabels[member.role]}</td>
        <td>{member.departmentIds.map(departmentName).join('、') || '—'}</td>
        <td>{formatDateTime(member.lastLoginAt)}</td>
        <td>
          <div className="inline-actions">
            <button
              type="button"
              className="button button--small button--secondary"
              onClick={() => setEditing(!editing)}
              aria-expanded={editing}
            >
              役割を変更<span className="visually-hidden">（{member.displayName}）</span>
            </button>
            <button
              type="button"
              className="button button--small button--secondary"
              onClick={() => reset.mutate()}
              disabled={reset.isPending}
            >
              再設定リンク<span className="visually-hidden">（{member.displayName}）</span>
            </button>
            {!isSelf && (
              <button
                type="button"
                className="button button--small button--danger"
                onClick={() => {
                  if (
                    window.confirm(
                      `${member.displayName} の利用を停止します。よろしいですか？（変更履歴は残ります）`,
                    )
                  )
                    remove.mutate();
                }}
                disabled={remove.isPending}
              >
                利用停止<span className="visually-hidden">（{member.displayName}）</span>
              </button>
            )}
          </div>
          {reset.data && <IssuedLink token={reset.data.token} label="パスワード再設定リンク" />}
          <FormError error={reset.error ?? remove.error} />
        </td>
      </tr>
      {editing && (
        <tr>
          <td colSpan={6}>
            <MemberEditForm
              municipalityId={municipalityId}
              member={member}
              departments={departments}
              onDone={() => setEditing(false)}
            />
          </td>
        </tr>
      )}
    </>
  );
}

function MemberEditForm({
  municipalityId,
  member,
  departments,
  onDone,
}: {
  municipalityId: string;
  member: MemberResponse;
  departments: Department[];
  onDone: () => void;
}) {
  const id = useId();
  const queryClient = useQueryClient();
  const [role, setRole] = useState<Role>(member.role);
  const [departmentIds, setDepartmentIds] = useState<string[]>(member.departmentIds);
  const mutation = useMutation({
    mutationFn: () =>
      sendJson<MemberResponse>(
        'PATCH',
        `/api/municipalities/${encodeURIComponent(municipalityId)}/members/${encodeURIComponent(member.id)}`,
        { role, departmentIds: role === 'editor' ? departmentIds : [], version: member.version },
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: membersKey(municipalityId) });
      onDone();
    },
  });
  const conflict = mutation.error instanceof ApiError && mutation.error.status === 409;
  return (
    <form
      className="form form--inline-panel"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        mutation.mutate();
      }}
      aria-label={`${member.displayName} の役割の変更`}
    >
      <FormError error={mutation.error} />
      {conflict && (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void queryClient.invalidateQueries({ queryKey: membersKey(municipalityId) })}
        >
          最新の内容を読み込む
        </button>
      )}
      <SelectField
        id={`${id}-role`}
        label="役割"
        value={role}
        options={roleOptions}
        onChange={(event) => setRole(event.target.value as Role)}
        error={fieldError(mutation.error, 'role')}
      />
      {role === 'editor' && (
        <DepartmentChoice
          legend="担当する課"
          departments={departments}
          selected={departmentIds}
          onChange={setDepartmentIds}
          error={fieldError(mutation.error, 'departmentIds')}
        />
      )}
      <div className="form__actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          保存
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          キャンセル
        </button>
      </div>
    </form>
  );
}

function DepartmentChoice({
  legend,
  departments,
  selected,
  onChange,
  error,
}: {
  legend: string;
  departments: Department[];
  selected: string[];
  onChange: (ids: string[]) => void;
  error?: string | undefined;
}) {
  const id = useId();
  const active = departments.filter((department) => !department.archived);
  return (
    <fieldset
      className={`field fieldset${error ? ' field--invalid' : ''}`}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend className="field__label">
        {legend}
        <span className="field__required" aria-hidden="true">
          必須
        </span>
      </legend>
      {error && (
        <p id={`${id}-error`} className="field__error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
      {active.length === 0 ? (
        <p className="field__hint">課が登録されていません。先に計画を取り込むか、課を登録してください。</p>
      ) : (
        <ul className="checkbox-list">
          {active.map((department) => (
            <li key={department.id}>
              <label>
                <input
                  type="checkbox"
                  checked={selected.includes(department.id)}
                  onChange={(event) =>
                    onChange(
                      event.target.checked
                        ? [...selected, department.id]
                        : selected.filter((value) => value !== department.id),
                    )
                  }
                />{' '}
                {department.name}
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

function InvitationRow({
  municipalityId,
  invitation,
}: {
  municipalityId: string;
  invitation: MembersResponse['invitations'][number];
}) {
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: () =>
      sendJson(
        'POST',
        `/api/municipalities/${encodeURIComponent(municipalityId)}/invitations/${encodeURIComponent(invitation.id)}/revoke`,
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: membersKey(municipalityId) }),
  });
  return (
    <tr>
      <th scope="row">{invitation.displayName}</th>
      <td>{invitation.login}</td>
      <td>{invitation.kind === 'invite' ? `招待（${roleLabels[invitation.role]}）` : 'パスワード再設定'}</td>
      <td>{formatDateTime(invitation.expiresAt)}</td>
      <td>
        <button
          type="button"
          className="button button--small button--secondary"
          onClick={() => revoke.mutate()}
          disabled={revoke.isPending}
        >
          取り消す<span className="visually-hidden">（{invitation.displayName}）</span>
        </button>
        <FormError error={revoke.error} />
      </td>
    </tr>
  );
}

/** The link is shown once: only its hash is stored, so it cannot be shown again. */
function IssuedLink({ token, label }: { token: string; label: string }) {
  const url = `${window.location.origin}/invitations/${token}`;
  return (
    <div className="issued-link" role="status">
      <p>
        {label}
        を発行しました（有効期限7日・1回限り）。この画面を閉じると再表示できないため、本人に確実に伝えてください。
      </p>
      <input
        className="field__input"
        readOnly
        value={url}
        aria-label={label}
        onFocus={(event) => event.target.select()}
        data-testid="issued-link"
      />
    </div>
  );
}

function InviteForm({ municipalityId, departments }: { municipalityId: string; departments: Department[] }) {
  const queryClient = useQueryClient();
  const [login, setLogin] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const [departmentIds, setDepartmentIds] = useState<string[]>([]);
  const mutation = useMutation({
    mutationFn: () =>
      sendJson<{ token: string }>(
        'POST',
        `/api/municipalities/${encodeURIComponent(municipalityId)}/invitations`,
        {
          login,
          displayName,
          ...(email.trim() && { email: email.trim() }),
          role,
          departmentIds: role === 'editor' ? departmentIds : [],
        },
      ),
    onSuccess: () => {
      setLogin('');
      setDisplayName('');
      setEmail('');
      setDepartmentIds([]);
      void queryClient.invalidateQueries({ queryKey: membersKey(municipalityId) });
    },
  });
  return (
    <section className="section" aria-labelledby="invite-heading">
      <h2 id="invite-heading">利用者を招待する</h2>
      <p>招待リンクを発行します。本人がリンクを開いてパスワードを設定すると、利用できるようになります。</p>
      {mutation.data && <IssuedLink token={mutation.data.token} label="招待リンク" />}
      <form
        className="form"
        noValidate
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          mutation.mutate();
        }}
      >
        <FormError error={mutation.error} />
        <TextField
          id="invite-login"
          label="ログインID"
          hint="半角英数字と . _ @ + -（職員番号やメールアドレスなど）"
          value={login}
          onChange={(event) => setLogin(event.target.value)}
          error={fieldError(mutation.error, 'login')}
          autoComplete="off"
          required
        />
        <TextField
          id="invite-display-name"
          label="表示名"
          hint="例: 市民課 担当者"
          value={displayName}
          onChange={(event) => setDisplayName(event.target.value)}
          error={fieldError(mutation.error, 'displayName')}
          required
        />
        <TextField
          id="invite-email"
          type="email"
          label="メールアドレス（任意）"
          hint="提出期限などのお知らせを送ります。"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={fieldError(mutation.error, 'email')}
        />
        <SelectField
          id="invite-role"
          label="役割"
          value={role}
          options={roleOptions}
          onChange={(event) => setRole(event.target.value as Role)}
          error={fieldError(mutation.error, 'role')}
          required
        />
        {role === 'editor' && (
          <DepartmentChoice
            legend="担当する課"
            departments={departments}
            selected={departmentIds}
            onChange={setDepartmentIds}
            error={fieldError(mutation.error, 'departmentIds')}
          />
        )}
        <div className="form__actions">
          <button type="submit" className="button" disabled={mutation.isPending}>
            招待リンクを発行する
          </button>
        </div>
      </form>
    </section>
  );
}
