import { formatJapaneseDate } from '../../../domain/fiscal-year';
import {
  describeHistoryChanges,
  HISTORY_OPERATION_LABELS,
  HISTORY_SUBJECT_LABELS,
} from '../../../domain/history';
import type { AuditResponse } from '../../../server/audit/audit.routes';

type Entry = AuditResponse['entries'][number];

const timeFormat = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** 令和7年6月3日 14:05, in Japan's time whatever the terminal's clock says. */
export function formatDateTime(iso: string): string {
  const parts = Object.fromEntries(
    timeFormat.formatToParts(new Date(iso)).map((part) => [part.type, part.value]),
  );
  return `${formatJapaneseDate(`${parts.year}-${parts.month}-${parts.day}`)} ${parts.hour}:${parts.minute}`;
}

/** Entries whose before/after are counts or bookkeeping, told by their summary alone. */
const SUMMARY_ONLY = new Set(['import', 'replace']);

/** History entries: who, when, what (a line), and each changed field before → after, in Japanese. */
export function HistoryEntries({ entries, caption }: { entries: Entry[]; caption: string }) {
  return (
    <ol className="history-list" aria-label={caption}>
      {entries.map((entry) => {
        const changes = SUMMARY_ONLY.has(entry.operation)
          ? []
          : describeHistoryChanges({ before: entry.before, after: entry.after });
        return (
          <li key={entry.id} className="history-entry" data-testid="history-entry">
            <p className="history-entry__meta">
              <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
              <span className="history-entry__actor">{entry.actorName}</span>
              <span className="marker">
                {HISTORY_SUBJECT_LABELS[entry.subjectType] ?? entry.subjectType}・
                {HISTORY_OPERATION_LABELS[entry.operation] ?? entry.operation}
              </span>
            </p>
            <p className="history-entry__summary">{entry.summary}</p>
            {changes.length > 0 && (
              <div className="table-scroll">
                <table className="data-table data-table--compact history-entry__changes">
                  <caption className="visually-hidden">変更の内容（変更前と変更後）</caption>
                  <thead>
                    <tr>
                      <th scope="col">項目</th>
                      <th scope="col">変更前</th>
                      <th scope="col">変更後</th>
                    </tr>
                  </thead>
                  <tbody>
                    {changes.map((change) => (
                      <tr key={change.field}>
                        <th scope="row">{change.label}</th>
                        <td className="preserve-lines">{change.before ?? '—'}</td>
                        <td className="preserve-lines">{change.after ?? '（削除）'}</td>
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
