import type { ReactNode } from 'react';

export interface BreadcrumbItem {
  key: string;
  content: ReactNode;
}

/** Breadcrumb trail; the last item is the current page and is not a link. */
export function Breadcrumbs({ items }: { items: BreadcrumbItem[] }) {
  return (
    <nav aria-label="現在位置" className="breadcrumbs">
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
