import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { sendJson } from '../api';
import { replaceSession, sessionQuery } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import { LocaleSwitch } from '../i18n/LocaleSwitch';
import { LoginPage } from '../pages/account/LoginPage';
import { PasswordChangePage } from '../pages/account/PasswordChangePage';
import { RoundNavigation } from '../pages/rounds/RoundNavigation';
import { ErrorState, Loading } from './StatusViews';

/** Pages anyone may open without logging in. */
function isPublicPath(pathname: string): boolean {
  return pathname.startsWith('/invitations/');
}

/** Header, skip link, main landmark and footer around every page; the login form while signed out. */
export function AppLayout() {
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const lastPathname = useRef(pathname);
  const session = useQuery(sessionQuery());
  const { t } = useI18n();

  // After a client-side navigation, screen reader and keyboard users start again at the new content.
  useEffect(() => {
    if (lastPathname.current === pathname) return;
    lastPathname.current = pathname;
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [pathname]);

  let content: React.ReactNode;
  if (isPublicPath(pathname)) content = <Outlet />;
  else if (session.isError)
    content = <ErrorState error={session.error} subject="list" onRetry={() => void session.refetch()} />;
  else if (session.data === undefined) content = <Loading label={t('shell.loading')} />;
  else if (session.data === null) content = <LoginPage />;
  else if (session.data.user.mustChangePassword) content = <PasswordChangePage forced />;
  else content = <Outlet />;

  return (
    <>
      <a className="skip-link" href="#main">
        {t('shell.skip')}
      </a>
      <header className="site-header">
        <div className="container site-header__inner">
          <Link to="/" className="site-header__brand">
            <span lang="en">Kiseki</span>{' '}
            <span className="site-header__kanji" lang="ja">
              軌跡
            </span>
          </Link>
          <p className="site-header__tagline">{t('shell.tagline')}</p>
          {session.data && !isPublicPath(pathname) && <SiteNavigation />}
          <LocaleSwitch />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="container site-main">
        {content}
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t('shell.footer')}</p>
        </div>
      </footer>
    </>
  );
}

function SiteNavigation() {
  const session = useQuery(sessionQuery()).data;
  const queryClient = useQueryClient();
  const { t } = useI18n();
  const logout = useMutation({
    mutationFn: () => sendJson('POST', '/api/auth/logout'),
    onSettled: () => replaceSession(queryClient, null),
  });
  if (!session) return null;
  const managedMunicipalities = session.memberships.filter((membership) =>
    membership.abilities.some((ability) => ability.permission === 'user.manage'),
  );
  return (
    <nav aria-label={t('shell.siteNavigation')} className="site-header__nav">
      <ul>
        <li>
          <Link to="/" activeOptions={{ exact: true }}>
            {t('nav.plans')}
          </Link>
        </li>
        {managedMunicipalities.length === 1 && (
          <li>
            <Link
              to="/municipalities/$municipalityId/members"
              params={{ municipalityId: managedMunicipalities[0]!.municipality.id }}
            >
              {t('nav.members')}
            </Link>
          </li>
        )}
        <RoundNavigation />
        <li>
          <Link to="/account">
            <span className="visually-hidden">{t('shell.signedInAs')}</span>
            {session.user.displayName}
          </Link>
        </li>
        <li>
          <button
            type="button"
            className="link-button"
            onClick={() => logout.mutate()}
            disabled={logout.isPending}
          >
            {t('shell.logout')}
          </button>
        </li>
      </ul>
    </nav>
  );
}
