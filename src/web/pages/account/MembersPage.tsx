import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { type Role, roles } from '../../../domain/policy';
import type { MemberResponse, MembersResponse } from '../../../server/accounts/accounts.schemas';
import { ApiError, getJson, sendJson } from '../../api';
import { useSession } from '../../auth/session';
import { FormError, fieldError, SelectField, TextField } from '../../components/Form';
import { Message } from '../../components/Message';
import { ErrorState, Loading } from '../../components/StatusViews';
import { formatDateTime, formatPageTitle } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { useAreaMessages, useI18n } from '../../i18n/i18n';
import { PlanText } from '../../i18n/PlanText';
import { type AccountTranslate, accountMessages } from './account.messages';

type Department = MembersResponse['departments'][number];

const membersKey = (municipalityId: string) => ['municipalities', municipalityId, 'members'] as const;

function listRoleOptions(t: AccountTranslate): { value: Role; label: string }[] {
  return roles.map((role) => ({ value: role, label: t(`role.${role}`) }));
}

/** The DX office's screen for who may use Kiseki: invite, change roles and departments, stop access. */
export function MembersPage({ municipalityId }: { municipalityId: string }) {
  const { t } = useAreaMessages(accountMessages);
  const session = useSession();
  const municipality = session?.memberships.find((m) => m.municipality.id === municipalityId)?.municipality;
  useDocumentTitle(formatPageTitle(t('members.title'), municipality?.name ?? ''));
  const query = useQuery({
    queryKey: membersKey(municipalityId),
    queryFn: ({ signal }) =>
      getJson<MembersResponse>(`/api/municipalities/${encodeURIComponent(municipalityId)}/members`, signal),
  });
  if (query.isError)
    return <ErrorState error={query.error} subject="list" onRetry={() => void query.refetch()} />;
  if (!query.data) return <Loading label={t('members.loading')} />;
  const { members, invitations, departments } = query.data;
  const departmentName = (id: string) => departments.find((d) => d.id === id)?.name ?? t('unknownDepartment');

  return (
    <>
      <h1>
        <span className="heading-prefix">
          <PlanText>{municipality?.name}</PlanText>
        </span>
        {t('members.title')}
      </h1>
      <p className="lead">{t('members.lead')}</p>

      <section className="section" aria-labelledby="members-heading">
        <h2 id="members-heading">{t('members.heading', { count: members.length })}</h2>
        <div className="table-scroll">
          <table className="data-table" data-testid="members-table">
            <thead>
              <tr>
                <th scope="col">{t('field.displayName')}</th>
                <th scope="col">{t('field.login')}</th>
                <th scope="col">{t('field.role')}</th>
                <th scope="col">{t('field.department')}</th>
                <th scope="col">{t('members.lastLogin')}</th>
                <th scope="col">{t('field.actions')}</th>
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
          <h2 id="invitations-heading">{t('members.invitations')}</h2>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('field.displayName')}</th>
                <th scope="col">{t('field.login')}</th>
                <th scope="col">{t('members.kind')}</th>
                <th scope="col">{t('field.expiresAt')}</th>
                <th scope="col">{t('field.actions')}</th>
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
  const { t, locale } = useAreaMessages(accountMessages);
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
        <th scope="row">
          <PlanText>{member.displayName}</PlanText>
        </th>
        <td>{member.login}</td>
        <td>{t(`role.${member.role}`)}</td>
        <td>
          {member.departmentIds.length > 0 ? (
            <PlanText>{member.departmentIds.map(departmentName).join('、')}</PlanText>
          ) : (
            '—'
          )}
        </td>
        <td>{formatDateTime({ iso: member.lastLoginAt, locale })}</td>
        <td>
          <div className="inline-actions">
            <button
              type="button"
              className="button button--small button--secondary"
              onClick={() => setEditing(!editing)}
              aria-expanded={editing}
            >
              {t('members.changeRole')}
              <HiddenName name={member.displayName} />
            </button>
            <button
              type="button"
              className="button button--small button--secondary"
              onClick={() => reset.mutate()}
              disabled={reset.isPending}
            >
              {t('members.issueReset')}
              <HiddenName name={member.displayName} />
            </button>
            {!isSelf && (
              <button
                type="button"
                className="button button--small button--danger"
                onClick={() => {
                  if (window.confirm(t('members.confirmRemove', { name: member.displayName })))
                    remove.mutate();
                }}
                disabled={remove.isPending}
              >
                {t('members.remove')}
                <HiddenName name={member.displayName} />
              </button>
            )}
          </div>
          {reset.data && <IssuedLink token={reset.data.token} label={t('members.resetLink')} />}
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
  const { t } = useAreaMessages(accountMessages);
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
      aria-label={t('members.editForm', { name: member.displayName })}
    >
      <FormError error={mutation.error} />
      {conflict && (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void queryClient.invalidateQueries({ queryKey: membersKey(municipalityId) })}
        >
          {t('members.reload')}
        </button>
      )}
      <SelectField
        id={`${id}-role`}
        label={t('field.role')}
        value={role}
        options={listRoleOptions(t)}
        onChange={(event) => setRole(event.target.value as Role)}
        error={fieldError(mutation.error, 'role')}
      />
      {role === 'editor' && (
        <DepartmentChoice
          legend={t('members.departments')}
          departments={departments}
          selected={departmentIds}
          onChange={setDepartmentIds}
          error={fieldError(mutation.error, 'departmentIds')}
        />
      )}
      <div className="form__actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          {t('members.save')}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('members.cancel')}
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
  const { t: shellText } = useI18n();
  const { t } = useAreaMessages(accountMessages);
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
          {shellText('form.required')}
        </span>
      </legend>
      {error && (
        <p id={`${id}-error`} className="field__error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
      {active.length === 0 ? (
        <p className="field__hint">{t('members.noDepartments')}</p>
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
                <PlanText>{department.name}</PlanText>
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
  const { t, locale } = useAreaMessages(accountMessages);
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
      <th scope="row">
        <PlanText>{invitation.displayName}</PlanText>
      </th>
      <td>{invitation.login}</td>
      <td>
        {invitation.kind === 'invite'
          ? t('members.kindInvite', { role: t(`role.${invitation.role}`) })
          : t('members.kindReset')}
      </td>
      <td>{formatDateTime({ iso: invitation.expiresAt, locale })}</td>
      <td>
        <button
          type="button"
          className="button button--small button--secondary"
          onClick={() => revoke.mutate()}
          disabled={revoke.isPending}
        >
          {t('members.revoke')}
          <HiddenName name={invitation.displayName} />
        </button>
        <FormError error={revoke.error} />
      </td>
    </tr>
  );
}

/** The link is shown once: only its hash is stored, so it cannot be shown again. */
function IssuedLink({ token, label }: { token: string; label: string }) {
  const { t } = useAreaMessages(accountMessages);
  const url = `${window.location.origin}/invitations/${token}`;
  return (
    <div className="issued-link" role="status">
      <p>{t('members.issued', { label })}</p>
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
  const { t } = useAreaMessages(accountMessages);
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
      <h2 id="invite-heading">{t('members.invite')}</h2>
      <p>{t('members.inviteLead')}</p>
      {mutation.data && <IssuedLink token={mutation.data.token} label={t('members.inviteLink')} />}
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
          label={t('field.login')}
          hint={t('members.loginHint')}
          value={login}
          onChange={(event) => setLogin(event.target.value)}
          error={fieldError(mutation.error, 'login')}
          autoComplete="off"
          required
        />
        <TextField
          id="invite-display-name"
          label={t('field.displayName')}
          hint={t('members.displayNameHint')}
          value={displayName}
          onChange={(event) => setDisplayName(event.target.value)}
          error={fieldError(mutation.error, 'displayName')}
          required
        />
        <TextField
          id="invite-email"
          type="email"
          label={t('members.email')}
          hint={t('members.emailHint')}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={fieldError(mutation.error, 'email')}
        />
        <SelectField
          id="invite-role"
          label={t('field.role')}
          value={role}
          options={listRoleOptions(t)}
          onChange={(event) => setRole(event.target.value as Role)}
          error={fieldError(mutation.error, 'role')}
          required
        />
        {role === 'editor' && (
          <DepartmentChoice
            legend={t('members.departments')}
            departments={departments}
            selected={departmentIds}
            onChange={setDepartmentIds}
            error={fieldError(mutation.error, 'departmentIds')}
          />
        )}
        <div className="form__actions">
          <button type="submit" className="button" disabled={mutation.isPending}>
            {t('members.submitInvite')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** A button's hidden "（name）", so that each row's buttons have names of their own. */
function HiddenName({ name }: { name: string }) {
  const { t } = useAreaMessages(accountMessages);
  return (
    <span className="visually-hidden">
      <Message text={t('members.hiddenName')} values={{ name: <PlanText>{name}</PlanText> }} />
    </span>
  );
}
