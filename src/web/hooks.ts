import { useEffect } from 'react';

/** Every page names itself in the window title (WCAG 2.4.2), most specific part first. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title;
  }, [title]);
}
