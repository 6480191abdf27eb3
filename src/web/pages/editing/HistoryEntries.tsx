import {
  describeHistoryChanges,
  HISTORY_FIELD_LABELS,
  HISTORY_OPERATION_LABELS,
  HISTORY_SUBJECT_LABELS,
} from '../../../domain/history';
import type { AuditResponse } from '../../../server/audit/audit.routes';
import { formatDateTime } from '../../format';
import { useAreaMessages } from '../../i18n/i18n';
import { PlanText } from '../../i18n/PlanText';
import {
  ENGLISH_FIELD_LABELS,
  ENGLISH_OPERATION_LABELS,
  ENGLISH_SUBJECT_LABELS,
  editingMessages,
  translateDomainLabel,
} from './editing.messages';

type Entry = AuditResponse['entries'][number];

/** Entries whose before/after are counts or bookkeeping, told by their summary alone. */
const SUMMARY_ONLY = new Set(['import', 'replace']);

/**
 * History entries: who, when, what (a line), and each changed field before → after. The line and the
 * values are written by the server and the domain in Japanese, and stay so on an English screen.
 */
export function HistoryEntries({ entries, caption }: { entries: Entry[]; caption: string }) {
  const { t, locale } = useAreaMessages(editingMessages);
  return (
    <ol className="history-list" aria-label={caption}>
      {entries.map((entry) => {
        const changes = SUMMARY_ONLY.has(entry.operation)
          ? []
          : describeHistoryChanges({ before: entry.before, after: entry.after });
        return (
          <li key={entry.id} className="history-entry" data-testid="history-entry">
            <p className="history-entry__meta">
              <time dateTime={entry.at}>{formatDateTime({ iso: entry.at, locale })}</time>
              <span className="history-entry__actor">
                <PlanText>{entry.actorName}</PlanText>
              </span>
              <span className="marker">
                {t('entries.kind', {
                  subject: translateDomainLabel({
                    japanese: HISTORY_SUBJECT_LABELS,
                    english: ENGLISH_SUBJECT_LABELS,
                    key: entry.subjectType,
                    locale,
                  }),
                  operation: translateDomainLabel({
                    japanese: HISTORY_OPERATION_LABELS,
                    english: ENGLISH_OPERATION_LABELS,
                    key: entry.operation,
                    locale,
                  }),
                })}
              </span>
            </p>
            <p className="history-entry__summary">
              <PlanText>{entry.summary}</PlanText>
            </p>
            {changes.length > 0 && (
              <div className="table-scroll">
                <table className="data-table data-table--compact history-entry__changes">
                  <caption className="visually-hidden">{t('entries.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('entries.field')}</th>
                      <th scope="col">{t('entries.before')}</th>
                      <th scope="col">{t('entries.after')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {changes.map((change) => (
                      <tr key={change.field}>
                        <th scope="row">
                          {translateDomainLabel({
                            japanese: HISTORY_FIELD_LABELS,
                            english: ENGLISH_FIELD_LABELS,
                            key: change.field,
                            locale,
                          })}
                        </th>
                        <td className="preserve-lines">
                          {change.before === null ? '—' : <PlanText>{change.before}</PlanText>}
                        </td>
                        <td className="preserve-lines">
                          {change.after === null ? t('entries.removed') : <PlanText>{change.after}</PlanText>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
