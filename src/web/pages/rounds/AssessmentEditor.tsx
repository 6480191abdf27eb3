import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { COMMENT_MAX_LENGTH, parsePercentText } from '../../../domain/progress-round';
import type { AssessmentSaveResponse, AssessmentView } from '../../../server/rounds/rounds.schemas';
import { ApiError, sendJson } from '../../api';
import { formatProgress } from '../../format';
import { formatDateTime } from './parts';
import { useProgressPage } from './progress-context';
import { RowStatus } from './TaskRows';

type Conflict = AssessmentView & { lastChange: { byName: string; at: string } | null };

/** The overall assessment (総括評価) of an action the department owns: a rate and its required reason. */
export function AssessmentEditor({
  actionId,
  actionKey,
  title,
  assessment,
}: {
  actionId: string;
  actionKey: string;
  title: string;
  assessment: AssessmentView;
}) {
  const page = useProgressPage();
  const id = useId();
  const [base, setBase] = useState(assessment);
  const [rateText, setRateText] = useState(assessment.rate === null ? '' : String(assessment.rate));
  const [reason, setReason] = useState(assessment.reason ?? '');
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'error' | 'conflict'>('idle');
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [errors, setErrors] = useState<{ rate?: string; reason?: string; form?: string }>({});
  const [conflict, setConflict] = useState<Conflict | null>(null);

  const parsed = parsePercentText(rateText);
  const dirty = 'error' in parsed || parsed.value !== base.rate || reason.trim() !== (base.reason ?? '');

  useEffect(() => {
    if (dirty || assessment.version === base.version) return;
    setBase(assessment);
    setRateText(assessment.rate === null ? '' : String(assessment.rate));
    setReason(assessment.reason ?? '');
  }, [assessment, base, dirty]);

  const save = async (version = base.version): Promise<boolean> => {
    if ('error' in parsed) {
      setErrors({ rate: parsed.error.replace('進捗率', '総括評価') });
      setState('error');
      return false;
    }
    if (parsed.value !== null && reason.trim() === '') {
      setErrors({ reason: '総括評価の理由を入力してください（必須）' });
      setState('error');
      return false;
    }
    setState('saving');
    setErrors({});
    try {
      const response = await sendJson<AssessmentSaveResponse>(
        'PUT',
        `${page.basePath}/actions/${encodeURIComponent(actionKey)}/assessment`,
        { rate: parsed.value, reason: parsed.value === null ? '' : reason, version },
      );
      setBase(response.assessment);
      setRateText(response.assessment.rate === null ? '' : String(response.assessment.rate));
      setReason(response.assessment.reason ?? '');
      setConflict(null);
      setState('saved');
      setSavedAt(new Date());
      page.replaceAssessment(actionId, response.assessment);
      page.replaceSubmission(response.submission);
      page.announce(`「${title}」の総括評価を保存しました`);
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'record.conflict') {
        setConflict((error.details as { current: Conflict }).current);
        setState('conflict');
        return false;
      }
      const apiError = error instanceof ApiError ? error : null;
      setErrors({
        rate: apiError?.issueFor('rate'),
        reason: apiError?.issueFor('reason'),
        form: apiError?.message ?? '保存できませんでした。もう一度お試しください。',
      });
      setState('error');
      return false;
    }
  };

  const saveRef = useRef(save);
  saveRef.current = save;
  const { report } = page.unsaved;
  useEffect(() => {
    report(
      `assessment-${actionId}`,
      dirty ? { label: `「${title}」の総括評価`, save: () => saveRef.current() } : null,
    );
  }, [report, actionId, title, dirty]);
  useEffect(() => () => report(`assessment-${actionId}`, null), [report, actionId]);

  if (!page.editable) {
    return (
      <div className="assessment-view">
        <h3>総括評価</h3>
        {assessment.rate === null ? (
          <p className="muted">入力されていません</p>
        ) : (
          <dl className="summary-list">
            <div>
              <dt>総括評価</dt>
              <dd>{formatProgress(assessment.rate)}</dd>
            </div>
            <div>
              <dt>理由</dt>
              <dd className="preserve-lines">{assessment.reason}</dd>
            </div>
          </dl>
        )}
      </div>
    );
  }

  return (
    <form
      className="assessment-form"
      aria-labelledby={`${id}-heading`}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        void save();
      }}
    >
      <h3 id={`${id}-heading`}>総括評価</h3>
      <p className="field__hint">
        取り組み全体をふり返った評価（0〜100%）です。入力する場合は理由が必須です。空欄にして保存すると削除します。
      </p>
      {errors.form && (
        <div className="form-error" role="alert">
          <p>{errors.form}</p>
        </div>
      )}
      {conflict && (
        <div className="conflict-panel" role="alert">
          <p>
            <strong>
              {conflict.lastChange?.byName ?? 'ほかの人'}さんが先に総括評価を保存しました
              {conflict.lastChange && `（${formatDateTime(conflict.lastChange.at)}）`}。
            </strong>
          </p>
          <p>
            保存されている内容: {conflict.rate === null ? 'なし' : formatProgress(conflict.rate)}
            {conflict.reason && `／理由: ${conflict.reason}`}
          </p>
          <div className="form__actions">
            <button
              type="button"
              className="button button--small"
              onClick={() => void save(conflict.version)}
            >
              自分の入力で上書き保存する
            </button>
            <button
              type="button"
              className="button button--small button--secondary"
              onClick={() => {
                const { lastChange: _lastChange, ...theirs } = conflict;
                setBase(theirs);
                setRateText(theirs.rate === null ? '' : String(theirs.rate));
                setReason(theirs.reason ?? '');
                setConflict(null);
                setState('idle');
                page.replaceAssessment(actionId, theirs);
              }}
            >
              保存されている内容を使う
            </button>
          </div>
        </div>
      )}
      <div className="assessment-form__fields">
        <div className={`field${errors.rate ? ' field--invalid' : ''}`}>
          <label htmlFor={`${id}-rate`} className="field__label">
            総括評価（%）
          </label>
          {errors.rate && (
            <p id={`${id}-rate-error`} className="field__error">
              <span aria-hidden="true">⚠ </span>
              {errors.rate}
            </p>
          )}
          <span className="percent-input">
            <input
              id={`${id}-rate`}
              className="field__input percent-input__field"
              type="text"
              inputMode="decimal"
              autoComplete="off"
              value={rateText}
              onChange={(event) => setRateText(event.target.value)}
              aria-invalid={errors.rate ? true : undefined}
              aria-describedby={errors.rate ? `${id}-rate-error` : undefined}
            />
            <span aria-hidden="true">%</span>
          </span>
        </div>
        <div className={`field assessment-form__reason${errors.reason ? ' field--invalid' : ''}`}>
          <div className="field__label-row">
            <label htmlFor={`${id}-reason`} className="field__label">
              理由
            </label>
            {parsed !== null && !('error' in parsed) && parsed.value !== null && (
              <span className="field__required" aria-hidden="true">
                必須
              </span>
            )}
          </div>
          {errors.reason && (
            <p id={`${id}-reason-error`} className="field__error">
              <span aria-hidden="true">⚠ </span>
              {errors.reason}
            </p>
          )}
          <textarea
            id={`${id}-reason`}
            className="field__input comment-input"
            rows={3}
            maxLength={COMMENT_MAX_LENGTH}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            aria-invalid={errors.reason ? true : undefined}
            aria-describedby={errors.reason ? `${id}-reason-error` : undefined}
          />
        </div>
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--small" disabled={!dirty || state === 'saving'}>
          総括評価を保存
        </button>
        <RowStatus dirty={dirty} state={state === 'conflict' ? 'conflict' : state} savedAt={savedAt} />
      </div>
    </form>
  );
}
