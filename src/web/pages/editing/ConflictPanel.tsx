import { useEffect, useRef } from 'react';
import { useAreaMessages } from '../../i18n/i18n';
import { editingMessages } from './editing.messages';
import type { ConflictRow } from './useVersionedForm';

/**
 * What a clerk sees after a 409: their input beside what the other person saved, field by field (who
 * changed what in words, not by colour), and the two ways on.
 */
export function ConflictPanel({
  rows,
  onReapply,
  onTakeTheirs,
  isPending,
}: {
  rows: ConflictRow[];
  onReapply: () => void;
  onTakeTheirs: () => void;
  isPending: boolean;
}) {
  const { t } = useAreaMessages(editingMessages);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div className="conflict-panel" role="alert" tabIndex={-1} ref={ref} data-testid="conflict-panel">
      <p className="conflict-panel__title">{t('conflict.title')}</p>
      <p>{t('conflict.text')}</p>
      {rows.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table data-table--compact">
            <caption>{t('conflict.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('conflict.field')}</th>
                <th scope="col">{t('conflict.mine')}</th>
                <th scope="col">{t('conflict.theirs')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.field}>
                  <th scope="row">{row.label}</th>
                  <td className="preserve-lines">
                    {row.mine}
                    {row.changedByMe && <span className="marker">{t('conflict.changedByMe')}</span>}
                  </td>
                  <td className="preserve-lines">
                    {row.theirs}
                    {row.changedByThem && <span className="marker">{t('conflict.changedByThem')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('conflict.noDifference')}</p>
      )}
      <div className="form__actions">
        <button type="button" className="button" onClick={onReapply} disabled={isPending}>
          {t('conflict.reapply')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={onTakeTheirs}
          disabled={isPending}
        >
          {t('conflict.takeTheirs')}
        </button>
      </div>
    </div>
  );
}
