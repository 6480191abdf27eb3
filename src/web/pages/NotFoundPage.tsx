import { Link } from '@tanstack/react-router';
import { formatPageTitle } from '../format';
import { useDocumentTitle } from '../hooks';

export function NotFoundPage() {
  useDocumentTitle(formatPageTitle('ページが見つかりません'));
  return (
    <div className="error-state">
      <h1>ページが見つかりません</h1>
      <p>お探しのページは移動または削除されたか、URL が間違っている可能性があります。</p>
      <ul className="link-list">
        <li>
          <Link to="/">計画一覧へ戻る</Link>
        </li>
      </ul>
    </div>
  );
}
