import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';

/** Header, skip link, main landmark and footer around every page. */
export function AppLayout() {
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const lastPathname = useRef(pathname);

  // After a client-side navigation, screen reader and keyboard users start again at the new content.
  useEffect(() => {
    if (lastPathname.current === pathname) return;
    lastPathname.current = pathname;
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [pathname]);

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
          <nav aria-label="サイト全体" className="site-header__nav">
            <ul>
              <li>
                <Link to="/" activeOptions={{ exact: true }}>
                  計画一覧
                </Link>
              </li>
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="container site-main">
        <Outlet />
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
