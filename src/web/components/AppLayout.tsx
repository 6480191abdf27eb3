import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { sendJson } from '../api';
import { replaceSession, sessionQuery } from '../auth/session';
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
  else if (session.data === undefined) content = <Loading label="読み込んでいます…" />;
  else if (session.data === null) content = <LoginPage />;
  else if (session.data.user.mustChangePassword) content = <PasswordChangePage forced />;
  else content = <Outlet />;

  return (
    <>
      <a className="skip-link" href="#main">
        本文へスキップ
      </a>
      <header className="site-header">
        <div className="container site-header__inner">
          <Link to="/" className="site-header__brand">
            <span lang="en">Kiseki</span> <span className="site-header__kanji">軌跡</span>
          </Link>
          <p className="site-header__tagline">自治体DX推進計画の進捗管理と評価</p>
          {session.data && !isPublicPath(pathname) && <SiteNavigation />}
        </div>
      </header>
      <main id="main" tabIndex={-1} className="container site-main">
        {content}
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>
            <span lang="en">Kiseki</span>（軌跡）はオープンソースソフトウェア（MIT
            ライセンス）です。外部のサーバーや CDN に接続せず、インターネットに接続できない環境（LGWAN
            など）でもそのまま動作します。
          </p>
        </div>
      </footer>
    </>
  );
}

function SiteNavigation() {
  const session = useQuery(sessionQuery()).data;
  const queryClient = useQueryClient();
  const logout = useMutation({
    mutationFn: () => sendJson('POST', '/api/auth/logout'),
    onSettled: () => replaceSession(queryClient, null),
  });
  if (!session) return null;
  const managedMunicipalities = session.memberships.filter((membership) =>
    membership.abilities.some((ability) => ability.permission === 'user.manage'),
  );
  return (
    <nav aria-label="サイト全体" className="site-header__nav">
      <ul>
        <li>
          <Link to="/" activeOptions={{ exact: true }}>
            計画一覧
          </Link>
        </li>
        {managedMunicipalities.length === 1 && (
          <li>
            <Link
              to="/municipalities/$municipalityId/members"
              params={{ municipalityId: managedMunicipalities[0]!.municipality.id }}
            >
              利用者管理
            </Link>
          </li>
        )}
        <RoundNavigation />
        <li>
          <Link to="/account">
            <span className="visually-hidden">ログイン中: </span>
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
            ログアウト
          </button>
        </li>
      </ul>
    </nav>
  );
}
