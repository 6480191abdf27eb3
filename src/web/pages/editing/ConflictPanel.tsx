import { useEffect, useRef } from 'react';
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
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div className="conflict-panel" role="alert" tabIndex={-1} ref={ref} data-testid="conflict-panel">
      <p className="conflict-panel__title">ほかの人が先にこの内容を保存しました</p>
      <p>
        あなたが編集している間に、ほかの人が保存しました。違いを確認してから、どちらかを選んでください。
        「反映して保存」を選ぶと、あなたが変更した項目だけを最新の内容に重ねて保存します。
      </p>
      {rows.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table data-table--compact">
            <caption>あなたの入力と、ほかの人が保存した内容の違い</caption>
            <thead>
              <tr>
                <th scope="col">項目</th>
                <th scope="col">あなたの入力</th>
                <th scope="col">ほかの人が保存した内容</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.field}>
                  <th scope="row">{row.label}</th>
                  <td className="preserve-lines">
                    {row.mine}
                    {row.changedByMe && <span className="marker">あなたが変更</span>}
                  </td>
                  <td className="preserve-lines">
                    {row.theirs}
                    {row.changedByThem && <span className="marker">ほかの人が変更</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>内容の違いはありません（並び順や別の項目が変更されました）。</p>
      )}
      <div className="form__actions">
        <button type="button" className="button" onClick={onReapply} disabled={isPending}>
          自分の変更を最新の内容に反映して保存する
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={onTakeTheirs}
          disabled={isPending}
        >
          自分の入力を破棄して最新の内容を表示する
        </button>
      </div>
    </div>
  );
}
