import { Link } from '@tanstack/react-router';
import { useSession } from '../../auth/session';
import { formatDateTime, formatPageTitle } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { useAreaMessages } from '../../i18n/i18n';
import { PlanText } from '../../i18n/PlanText';
import { accountMessages, getRoleLabel } from './account.messages';
import { PasswordChangeForm } from './PasswordChangePage';

/** The signed-in user's own page: who they are, where they may act, and their password. */
export function AccountPage() {
  const { t, locale } = useAreaMessages(accountMessages);
  useDocumentTitle(formatPageTitle(t('account.title')));
  const session = useSession();
  if (!session) return null;
  return (
    <>
      <h1>{t('account.title')}</h1>
      <dl className="summary-list">
        <div>
          <dt>{t('field.displayName')}</dt>
          <dd>
            <PlanText>{session.user.displayName}</PlanText>
          </dd>
        </div>
        <div>
          <dt>{t('field.login')}</dt>
          <dd>{session.user.login}</dd>
        </div>
        <div>
          <dt>{t('account.expiry')}</dt>
          <dd>
            {t('account.expiryNote', {
              date: formatDateTime({ iso: session.expiresAt, locale }),
            })}
          </dd>
        </div>
      </dl>
      <section className="section" aria-labelledby="memberships-heading">
        <h2 id="memberships-heading">{t('account.memberships')}</h2>
        {session.memberships.length === 0 ? (
          <p>{t('account.noMemberships')}</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('field.municipality')}</th>
                <th scope="col">{t('field.role')}</th>
                <th scope="col">{t('field.department')}</th>
                <th scope="col">{t('account.manage')}</th>
              </tr>
            </thead>
            <tbody>
              {session.memberships.map((membership) => (
                <tr key={membership.municipality.id}>
                  <th scope="row">
                    <PlanText>
                      {membership.municipality.prefecture} {membership.municipality.name}
                    </PlanText>
                  </th>
                  <td>
                    {locale === 'ja'
                      ? membership.roleLabel
                      : getRoleLabel({ role: membership.role, superAdmin: session.user.superAdmin, t })}
                  </td>
                  <td>
                    {membership.departments.length > 0 ? (
                      <PlanText>
                        {membership.departments.map((department) => department.name).join('、')}
                      </PlanText>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>
                    {membership.abilities.some((ability) => ability.permission === 'user.manage') ? (
                      <Link
                        to="/municipalities/$municipalityId/members"
                        params={{ municipalityId: membership.municipality.id }}
                      >
                        {t('account.members')}
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
  const { t } = useAreaMessages(accountMessages);
  return (
    <section className="section" aria-labelledby="password-heading">
      <h2 id="password-heading">{t('password.title')}</h2>
      <PasswordChangeForm />
    </section>
  );
}
