import type { ReactNode } from 'react';
import { useI18n } from './i18n';

/**
 * The plan's own words — titles, names, task texts — are Japanese whatever the screen's language; on an
 * English screen they are marked lang="ja" so that a screen reader reads them as Japanese (WCAG 3.1.2).
 */
export function PlanText({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  return locale === 'en' ? <span lang="ja">{children}</span> : children;
}
