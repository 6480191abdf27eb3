import type { ReactNode } from 'react';
import { formatDateIn, formatFiscalYearIn, type Locale } from '../../../domain/locale';
import type { BodyKind, MemberRole } from '../../../domain/organisation';
import { fillNodes } from '../../i18n/fill-nodes';
import { type TranslationParams, useAreaMessages } from '../../i18n/i18n';
import { organisationMessages } from './organisation.messages';

type OrganisationKey = keyof (typeof organisationMessages)['ja'];

/** The organisation screens' translator with the counts, dates and names they print, in the chosen language. */
export function useOrganisationText(): {
  locale: Locale;
  t: (key: OrganisationKey, params?: TranslationParams) => string;
  tWith: (key: OrganisationKey, parts: Record<string, ReactNode>) => ReactNode;
  formatDate: (isoDate: string) => string;
  formatFy: (fy: number) => string;
  formatMeetings: (count: number) => string;
  formatMembers: (count: number) => string;
  formatKind: (kind: BodyKind) => string;
  formatRole: (kind: BodyKind, role: MemberRole) => string;
} {
  const { t, locale } = useAreaMessages(organisationMessages);
  return {
    locale,
    t,
    tWith: (key: OrganisationKey, parts: Record<string, ReactNode>) =>
      fillNodes(organisationMessages[locale][key], parts),
    formatDate: (isoDate: string) => formatDateIn({ isoDate, locale }),
    formatFy: (fy: number) => formatFiscalYearIn({ fy, locale }),
    formatMeetings: (count: number) => t(count === 1 ? 'common.meeting' : 'common.meetings', { count }),
    formatMembers: (count: number) => t(count === 1 ? 'common.member' : 'common.members', { count }),
    formatKind: (kind: BodyKind) => t(`kind.${kind}`),
    formatRole: (kind: BodyKind, role: MemberRole) => t(`role.${kind}.${role}`),
  };
}
