import { type KeyboardEvent, type RefObject, useEffect, useId, useRef, useState } from 'react';
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
import { fillNodes } from '../../i18n/fill-nodes';
import { PlanText } from '../../i18n/PlanText';
import { formatTime, useRoundsText } from './parts';
import { useProgressPage } from './progress-context';

/** The department's tasks of one action for the round's year: one row each, saved row by row. */
export function TaskTable({ action }: { action: DepartmentActionView }) {
  const { data } = useProgressPage();
  const { t, fiscalYear } = useRoundsText();
  const previous = data.previousRound;
  return (
    <div className="table-scroll">
      <table className="data-table progress-table">
        <caption>{t('tasks.caption', { fy: fiscalYear(data.round.fy), count: action.tasks.length })}</caption>
        <thead>
          <tr>
            <th scope="col" className="progress-table__plan">
              {t('tasks.colPlan')}
            </th>
            {previous && (
              <th scope="col" className="numeric progress-table__previous">
                {t('tasks.colPrevious')}
                <span className="cell-note">
                  <PlanText>{previous.title.replace(/の進捗確認$/, '')}</PlanText>
                </span>
              </th>
            )}
            <th scope="col" className="progress-table__progress">
              {t('tasks.colProgress')}
            </th>
            <th scope="col">{t('tasks.colComment')}</th>
            <th scope="col" className="progress-table__save">
              {t('common.save')}
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
  const { t, parseError } = useRoundsText();
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
      setErrors({ progress: parseError(parsed.error) });
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
      page.announce(t('tasks.savedDone', { task: response.task.planText }));
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
        form: apiError?.message ?? t('common.saveFailed'),
      });
      setState('error');
      page.announce(t('tasks.saveFailedDone', { task: label }));
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
    page.announce(t('tasks.tookTheirs', { task: theirs.planText }));
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
        <span className="muted">{t('tasks.notRecorded')}</span>
      ) : (
        formatProgress(task.previousProgress)
      )}
    </td>
  );

  if (!editable) {
    return (
      <tr data-testid={`task-${task.id}`}>
        <th scope="row" className="progress-table__plan">
          <PlanText>{task.planText}</PlanText>
          {task.expected && <span className="marker marker--projection">{t('tasks.expected')}</span>}
        </th>
        {previousCell}
        <td className="numeric">
          {task.progress === null ? (
            <span className="muted">{t('tasks.notRecorded')}</span>
          ) : (
            formatProgress(task.progress)
          )}
        </td>
        <td className="preserve-lines">
          {task.comment?.body ? (
            <PlanText>{task.comment.body}</PlanText>
          ) : (
            <span className="muted">{t('common.none')}</span>
          )}
        </td>
        <td>
          <span className="muted">{t('tasks.locked')}</span>
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
                {t('tasks.planLabel')}
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
            <PlanText>{task.planText}</PlanText>
          )}
          {task.expected && <span className="marker marker--projection">{t('tasks.expected')}</span>}
        </th>
        {previousCell}
        <td className={progressError ? 'field--invalid' : undefined}>
          <label htmlFor={`${id}-progress`} className="visually-hidden">
            {fillNodes(t('tasks.progressLabel'), { task: <PlanText>{label}</PlanText> })}
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
            {fillNodes(t('tasks.commentLabel'), { task: <PlanText>{label}</PlanText> })}
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
            {t('common.save')}
            <span className="visually-hidden">
              {fillNodes(t('common.forItem'), { name: <PlanText>{label}</PlanText> })}
            </span>
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
  const { t } = useRoundsText();
  if (state === 'saving') return <span className="row-status">{t('rowStatus.saving')}</span>;
  if (state === 'conflict') {
    return (
      <span className="row-status row-status--error">
        <span aria-hidden="true">⚠ </span>
        {t('rowStatus.conflict')}
      </span>
    );
  }
  if (state === 'error') {
    return (
      <span className="row-status row-status--error">
        <span aria-hidden="true">⚠ </span>
        {t('rowStatus.error')}
      </span>
    );
  }
  if (dirty) {
    return (
      <span className="row-status row-status--dirty">
        <span aria-hidden="true">● </span>
        {t('common.unsaved')}
      </span>
    );
  }
  if (state === 'saved' && savedAt) {
    return (
      <span className="row-status row-status--saved">
        <span aria-hidden="true">✓ </span>
        {t('rowStatus.saved', { time: formatTime(savedAt) })}
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
  const { t, dateTime } = useRoundsText();
  const who = conflict.lastChange?.byName ?? t('common.someone');
  const whoNode = conflict.lastChange ? <PlanText>{who}</PlanText> : who;
  const id = useId();
  const mineProgress = parsePercentText(mine.progressText);
  const none = t('common.noneParenthesised');
  const notRecorded = t('tasks.notRecorded');
  // The test ids keep the Japanese field names, whatever the screen's language.
  const rows = [
    {
      testId: '進捗率',
      label: t('conflict.progress'),
      theirs: conflict.progress === null ? notRecorded : formatProgress(conflict.progress),
      mine:
        'error' in mineProgress
          ? mine.progressText
          : mineProgress.value === null
            ? notRecorded
            : formatProgress(mineProgress.value),
    },
    {
      testId: 'コメント',
      label: t('conflict.comment'),
      theirs: conflict.comment?.body || none,
      mine: mine.comment.trim() || none,
    },
    ...(showPlan
      ? [{ testId: '計画', label: t('conflict.plan'), theirs: conflict.planText, mine: mine.planText }]
      : []),
  ];
  return (
    <section className="conflict-panel" aria-labelledby={`${id}-heading`} data-testid="conflict-panel">
      <h3 id={`${id}-heading`} ref={headingRef} tabIndex={-1}>
        <span aria-hidden="true">⚠ </span>
        {fillNodes(t('conflict.heading'), { who: whoNode })}
      </h3>
      <p>
        {conflict.lastChange
          ? t('conflict.leadAt', { at: dateTime(conflict.lastChange.at) })
          : t('conflict.lead')}
      </p>
      <table className="data-table data-table--compact conflict-panel__table">
        <caption className="visually-hidden">{t('conflict.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('conflict.colField')}</th>
            <th scope="col">{fillNodes(t('conflict.colTheirs'), { who: whoNode })}</th>
            <th scope="col">{t('conflict.colMine')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.testId} className={row.theirs === row.mine ? undefined : 'conflict-panel__changed'}>
              <th scope="row">{row.label}</th>
              <td className="preserve-lines" data-testid={`conflict-theirs-${row.testId}`}>
                <PlanText>{row.theirs}</PlanText>
              </td>
              <td className="preserve-lines" data-testid={`conflict-mine-${row.testId}`}>
                <PlanText>{row.mine}</PlanText>
                {row.theirs !== row.mine && <span className="marker">{t('conflict.differs')}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form__actions">
        <button type="button" className="button" onClick={onReapply}>
          {t('common.reapply')}
        </button>
        <button type="button" className="button button--secondary" onClick={onTakeTheirs}>
          {fillNodes(t('conflict.takeTheirs'), { who: whoNode })}
        </button>
      </div>
    </section>
  );
}
