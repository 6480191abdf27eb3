import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';

export interface BreadcrumbItem {
  key: string;
  content: ReactNode;
}

/** Breadcrumb trail; the last item is the current page and is not a link. */
export function Breadcrumbs({ items }: { items: BreadcrumbItem[] }) {
  const { t } = useI18n();
  return (
    <nav aria-label={t('shell.breadcrumbs')} className="breadcrumbs">
      <ol>
        {items.map((item, index) => (
          <li key={item.key}>
            {index === items.length - 1 ? <span aria-current="page">{item.content}</span> : item.content}
          </li>
        ))}
      </ol>
    </nav>
  );
}
