import { Link } from '@tanstack/react-router';
import { useSession } from '../../auth/session';
import { formatPageTitle } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { PasswordChangeForm } from './PasswordChangePage';

/** The signed-in user's own page: who they are, where they may act, and their password. */
export function AccountPage() {
  useDocumentTitle(formatPageTitle('アカウント'));
  const session = useSession();
  if (!session) return null;
  return (
    <>
      <h1>アカウント</h1>
      <dl className="summary-list">
        <div>
          <dt>表示名</dt>
          <dd>{session.user.displayName}</dd>
        </div>
        <div>
          <dt>ログインID</dt>
          <dd>{session.user.login}</dd>
        </div>
        <div>
          <dt>ログインの有効期限</dt>
          <dd>
            {new Date(session.expiresAt).toLocaleString('ja-JP', { dateStyle: 'long', timeStyle: 'short' })}
            （操作するたびに延長されます）
          </dd>
        </div>
      </dl>
      <section className="section" aria-labelledby="memberships-heading">
        <h2 id="memberships-heading">所属と役割</h2>
        {session.memberships.length === 0 ? (
          <p>どの自治体にも所属していません。DX推進担当課（管理者）にお問い合わせください。</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">自治体</th>
                <th scope="col">役割</th>
                <th scope="col">担当課</th>
                <th scope="col">管理</th>
              </tr>
            </thead>
            <tbody>
              {session.memberships.map((membership) => (
                <tr key={membership.municipality.id}>
                  <th scope="row">
                    {membership.municipality.prefecture} {membership.municipality.name}
                  </th>
                  <td>{membership.roleLabel}</td>
                  <td>{membership.departments.map((department) => department.name).join('、') || '—'}</td>
                  <td>
                    {membership.abilities.some((ability) => ability.permission === 'user.manage') ? (
                      <Link
                        to="/municipalities/$municipalityId/members"
                        params={{ municipalityId: membership.municipality.id }}
                      >
                        利用者管理
                      </Link>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <PasswordChangeSection />
    </>
  );
}

function PasswordChangeSection() {
  return (
    <section className="section" aria-labelledby="password-heading">
      <h2 id="password-heading">パスワードの変更</h2>
      <PasswordChangeForm />
    </section>
  );
}
