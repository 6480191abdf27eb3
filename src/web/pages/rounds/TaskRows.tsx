import { type KeyboardEvent, type RefObject, useEffect, useId, useRef, useState } from 'react';
import { formatFiscalYear } from '../../../domain/fiscal-year';
import { COMMENT_MAX_LENGTH, parsePercentText } from '../../../domain/progress-round';
import type {
  DepartmentActionView,
  DepartmentTaskView,
  TaskConflictCurrent,
  TaskRowView,
  TaskSaveResponse,
} from '../../../server/rounds/rounds.schemas';
import { ApiError, sendJson } from '../../api';
import { formatProgress } from '../../format';
import { formatDateTime, formatTime } from './parts';
import { useProgressPage } from './progress-context';

/** The department's tasks of one action for the round's year: one row each, saved row by row. */
export function TaskTable({ action }: { action: DepartmentActionView }) {
  const { data } = useProgressPage();
  const previous = data.previousRound;
  return (
    <div className="table-scroll">
      <table className="data-table progress-table">
        <caption>
          {formatFiscalYear(data.round.fy)}のタスク（{action.tasks.length}件）
        </caption>
        <thead>
          <tr>
            <th scope="col" className="progress-table__plan">
              計画
            </th>
            {previous && (
              <th scope="col" className="numeric progress-table__previous">
                前回<span className="cell-note">{previous.title.replace(/の進捗確認$/, '')}</span>
              </th>
            )}
            <th scope="col" className="progress-table__progress">
              進捗率
            </th>
            <th scope="col">この回のコメント</th>
            <th scope="col" className="progress-table__save">
              保存
            </th>
          </tr>
        </thead>
        <tbody>
          {action.tasks.map((task) => (
            <TaskRow key={task.id} task={task} showPrevious={previous !== null} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

type RowState = 'idle' | 'saving' | 'saved' | 'error' | 'conflict';

interface Draft {
  progressText: string;
  comment: string;
  planText: string;
}

function toDraft(task: TaskRowView): Draft {
  return {
    progressText: task.progress === null ? '' : String(task.progress),
    comment: task.comment?.body ?? '',
    planText: task.planText,
  };
}

function isDirty({ draft, base }: { draft: Draft; base: TaskRowView }): boolean {
  const parsed = parsePercentText(draft.progressText);
  const progressChanged = 'error' in parsed || parsed.value !== base.progress;
  return (
    progressChanged ||
    draft.comment.trim() !== (base.comment?.body ?? '') ||
    draft.planText.trim() !== base.planText
  );
}

function TaskRow({ task, showPrevious }: { task: DepartmentTaskView; showPrevious: boolean }) {
  const page = useProgressPage();
  const { data, editable, basePath } = page;
  const isJune = data.round.month === 6;
  const id = useId();
  const [base, setBase] = useState<TaskRowView>(task);
  const [draft, setDraft] = useState<Draft>(() => toDraft(task));
  const [state, setState] = useState<RowState>('idle');
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [errors, setErrors] = useState<{
    progress?: string;
    comment?: string;
    planText?: string;
    form?: string;
  }>({});
  const [conflict, setConflict] = useState<TaskConflictCurrent | null>(null);
  const conflictHeading = useRef<HTMLHeadingElement>(null);
  const dirty = isDirty({ draft, base });
  const label = draft.planText || task.planText;

  // The page's data moved on (another save, the other person's values taken): follow it unless typing.
  useEffect(() => {
    if (dirty) return;
    if (task.version === base.version && (task.comment?.version ?? 0) === (base.comment?.version ?? 0))
      return;
    setBase(task);
    setDraft(toDraft(task));
  }, [task, base, dirty]);

  const save = async (versions?: { version: number; commentVersion: number }): Promise<boolean> => {
    const parsed = parsePercentText(draft.progressText);
    if ('error' in parsed) {
      setErrors({ progress: parsed.error });
      setState('error');
      return false;
    }
    setState('saving');
    setErrors({});
    try {
      const response = await sendJson<TaskSaveResponse>(
        'PATCH',
        `${basePath}/tasks/${encodeURIComponent(task.id)}`,
        {
          progress: parsed.value,
          comment: draft.comment,
          ...(isJune && { planText: draft.planText.trim() }),
          version: versions?.version ?? base.version,
          commentVersion: versions?.commentVersion ?? base.comment?.version ?? 0,
        },
      );
      setBase(response.task);
      setDraft(toDraft(response.task));
      setConflict(null);
      setState('saved');
      setSavedAt(new Date());
      page.replaceTask(response.task);
      page.replaceSubmission(response.submission);
      page.announce(`「${response.task.planText}」を保存しました`);
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'record.conflict') {
        setConflict((error.details as { current: TaskConflictCurrent }).current);
        setState('conflict');
        window.setTimeout(() => conflictHeading.current?.focus(), 0);
        return false;
      }
      const apiError = error instanceof ApiError ? error : null;
      setErrors({
        progress: apiError?.issueFor('progress'),
        comment: apiError?.issueFor('comment'),
        planText: apiError?.issueFor('planText'),
        form: apiError?.message ?? '保存できませんでした。もう一度お試しください。',
      });
      setState('error');
      page.announce(`「${label}」を保存できませんでした`);
      return false;
    }
  };

  const saveRef = useRef(save);
  saveRef.current = save;
  const { report } = page.unsaved;
  useEffect(() => {
    report(task.id, dirty ? { label, save: () => saveRef.current() } : null);
  }, [report, task.id, dirty, label]);
  useEffect(() => () => report(task.id, null), [report, task.id]);

  const takeTheirs = () => {
    if (!conflict) return;
    const { lastChange: _lastChange, ...theirs } = conflict;
    setBase(theirs);
    setDraft(toDraft(theirs));
    setConflict(null);
    setState('idle');
    page.replaceTask(theirs);
    page.announce(`「${theirs.planText}」は相手の内容にしました`);
  };

  const onEnterSave = (event: KeyboardEvent<HTMLElement>, withModifier: boolean) => {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    if (withModifier && !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    void save();
  };

  const columns = showPrevious ? 5 : 4;
  const progressError = errors.progress;
  const previousCell = showPrevious && (
    <td className="numeric">
      {task.previousProgress === null ? (
        <span className="muted">未記録</span>
      ) : (
        formatProgress(task.previousProgress)
      )}
    </td>
  );

  if (!editable) {
    return (
      <tr data-testid={`task-${task.id}`}>
        <th scope="row" className="progress-table__plan">
          {task.planText}
          {task.expected && <span className="marker marker--projection">予定</span>}
        </th>
        {previousCell}
        <td className="numeric">
          {task.progress === null ? <span className="muted">未記録</span> : formatProgress(task.progress)}
        </td>
        <td className="preserve-lines">{task.comment?.body || <span className="muted">なし</span>}</td>
        <td>
          <span className="muted">変更不可</span>
        </td>
      </tr>
    );
  }

  return (
    <>
      <tr
        className={dirty ? 'progress-row progress-row--dirty' : 'progress-row'}
        data-testid={`task-${task.id}`}
        data-state={dirty ? 'dirty' : state}
      >
        <th scope="row" className="progress-table__plan">
          {isJune ? (
            <>
              <label htmlFor={`${id}-plan`} className="visually-hidden">
                タスクの計画
              </label>
              <textarea
                id={`${id}-plan`}
                className="field__input plan-input"
                rows={2}
                value={draft.planText}
                onChange={(event) => setDraft({ ...draft, planText: event.target.value })}
                onKeyDown={(event) => onEnterSave(event, true)}
                aria-invalid={errors.planText ? true : undefined}
                aria-describedby={errors.planText ? `${id}-plan-error` : undefined}
              />
              {errors.planText && (
                <p id={`${id}-plan-error`} className="field__error">
                  <span aria-hidden="true">⚠ </span>
                  {errors.planText}
                </p>
              )}
            </>
          ) : (
            task.planText
          )}
          {task.expected && <span className="marker marker--projection">予定</span>}
        </th>
        {previousCell}
        <td className={progressError ? 'field--invalid' : undefined}>
          <label htmlFor={`${id}-progress`} className="visually-hidden">
            「{label}」の進捗率（%）
          </label>
          <span className="percent-input">
            <input
              id={`${id}-progress`}
              className="field__input percent-input__field"
              type="text"
              inputMode="decimal"
              autoComplete="off"
              value={draft.progressText}
              onChange={(event) => setDraft({ ...draft, progressText: event.target.value })}
              onKeyDown={(event) => onEnterSave(event, false)}
              aria-invalid={progressError ? true : undefined}
              aria-describedby={progressError ? `${id}-progress-error` : undefined}
            />
            <span aria-hidden="true">%</span>
          </span>
          {progressError && (
            <p id={`${id}-progress-error`} className="field__error">
              <span aria-hidden="true">⚠ </span>
              {progressError}
            </p>
          )}
        </td>
        <td className={errors.comment ? 'field--invalid' : undefined}>
          <label htmlFor={`${id}-comment`} className="visually-hidden">
            「{label}」のコメント
          </label>
          <textarea
            id={`${id}-comment`}
            className="field__input comment-input"
            rows={2}
            maxLength={COMMENT_MAX_LENGTH}
            value={draft.comment}
            onChange={(event) => setDraft({ ...draft, comment: event.target.value })}
            onKeyDown={(event) => onEnterSave(event, true)}
            aria-invalid={errors.comment ? true : undefined}
            aria-describedby={errors.comment ? `${id}-comment-error` : undefined}
          />
          {errors.comment && (
            <p id={`${id}-comment-error`} className="field__error">
              <span aria-hidden="true">⚠ </span>
              {errors.comment}
            </p>
          )}
        </td>
        <td className="progress-table__save">
          <button
            type="button"
            className="button button--small"
            onClick={() => void save()}
            disabled={!dirty || state === 'saving'}
          >
            保存<span className="visually-hidden">（{label}）</span>
          </button>
          <RowStatus dirty={dirty} state={state} savedAt={savedAt} />
        </td>
      </tr>
      {(conflict || errors.form) && (
        <tr className="progress-row__detail">
          <td colSpan={columns}>
            {errors.form && (
              <div className="form-error" role="alert">
                <p>{errors.form}</p>
              </div>
            )}
            {conflict && (
              <ConflictPanel
                headingRef={conflictHeading}
                conflict={conflict}
                mine={draft}
                showPlan={isJune}
                onReapply={() =>
                  void save({ version: conflict.version, commentVersion: conflict.comment?.version ?? 0 })
                }
                onTakeTheirs={takeTheirs}
              />
            )}
          </td>
        </tr>
      )}
    </>
  );
}

/** Saved or not, in words (and an icon): 未保存 / 保存中 / 保存済み 10:32 / 保存できませんでした. */
export function RowStatus({
  dirty,
  state,
  savedAt,
}: {
  dirty: boolean;
  state: RowState;
  savedAt: Date | null;
}) {
  if (state === 'saving') return <span className="row-status">保存中…</span>;
  if (state === 'conflict') {
    return (
      <span className="row-status row-status--error">
        <span aria-hidden="true">⚠ </span>ほかの人の変更あり
      </span>
    );
  }
  if (state === 'error') {
    return (
      <span className="row-status row-status--error">
        <span aria-hidden="true">⚠ </span>保存できませんでした
      </span>
    );
  }
  if (dirty) {
    return (
      <span className="row-status row-status--dirty">
        <span aria-hidden="true">● </span>未保存
      </span>
    );
  }
  if (state === 'saved' && savedAt) {
    return (
      <span className="row-status row-status--saved">
        <span aria-hidden="true">✓ </span>保存済み（{formatTime(savedAt)}）
      </span>
    );
  }
  return null;
}

function ConflictPanel({
  headingRef,
  conflict,
  mine,
  showPlan,
  onReapply,
  onTakeTheirs,
}: {
  headingRef: RefObject<HTMLHeadingElement | null>;
  conflict: TaskConflictCurrent;
  mine: Draft;
  showPlan: boolean;
  onReapply: () => void;
  onTakeTheirs: () => void;
}) {
  const who = conflict.lastChange?.byName ?? 'ほかの人';
  const id = useId();
  const mineProgress = parsePercentText(mine.progressText);
  const rows = [
    {
      label: '進捗率',
      theirs: conflict.progress === null ? '未記録' : formatProgress(conflict.progress),
      mine:
        'error' in mineProgress
          ? mine.progressText
          : mineProgress.value === null
            ? '未記録'
            : formatProgress(mineProgress.value),
    },
    {
      label: 'コメント',
      theirs: conflict.comment?.body || '（なし）',
      mine: mine.comment.trim() || '（なし）',
    },
    ...(showPlan ? [{ label: '計画', theirs: conflict.planText, mine: mine.planText }] : []),
  ];
  return (
    <section className="conflict-panel" aria-labelledby={`${id}-heading`} data-testid="conflict-panel">
      <h3 id={`${id}-heading`} ref={headingRef} tabIndex={-1}>
        <span aria-hidden="true">⚠ </span>
        {who}さんが先にこのタスクを更新しました
      </h3>
      <p>
        {conflict.lastChange
          ? `${formatDateTime(conflict.lastChange.at)}に保存された内容`
          : '保存されている内容'}
        と、あなたの入力が違います。どちらを残すか選んでください。
      </p>
      <table className="data-table data-table--compact conflict-panel__table">
        <caption className="visually-hidden">保存されている内容とあなたの入力</caption>
        <thead>
          <tr>
            <th scope="col">項目</th>
            <th scope="col">{who}さんの内容（保存済み）</th>
            <th scope="col">あなたの入力（未保存）</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label} className={row.theirs === row.mine ? undefined : 'conflict-panel__changed'}>
              <th scope="row">{row.label}</th>
              <td className="preserve-lines" data-testid={`conflict-theirs-${row.label}`}>
                {row.theirs}
              </td>
              <td className="preserve-lines" data-testid={`conflict-mine-${row.label}`}>
                {row.mine}
                {row.theirs !== row.mine && <span className="marker">違い</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form__actions">
        <button type="button" className="button" onClick={onReapply}>
          自分の入力で上書き保存する
        </button>
        <button type="button" className="button button--secondary" onClick={onTakeTheirs}>
          {who}さんの内容を使う
        </button>
      </div>
    </section>
  );
}
