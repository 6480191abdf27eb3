import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { COMMENT_MAX_LENGTH, parsePercentText } from '../../../domain/progress-round';
import type { AssessmentSaveResponse, AssessmentView } from '../../../server/rounds/rounds.schemas';
import { ApiError, sendJson } from '../../api';
import { formatProgress } from '../../format';
import { fillNodes } from '../../i18n/fill-nodes';
import { PlanText } from '../../i18n/PlanText';
import { useRoundsText } from './parts';
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
  const { t, dateTime, parseError } = useRoundsText();
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
      setErrors({ rate: parseError(parsed.error, 'assessment') });
      setState('error');
      return false;
    }
    if (parsed.value !== null && reason.trim() === '') {
      setErrors({ reason: t('assessment.reasonRequired') });
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
      page.announce(t('assessment.savedDone', { title }));
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
        form: apiError?.message ?? t('common.saveFailed'),
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
      dirty ? { label: t('assessment.unsavedLabel', { title }), save: () => saveRef.current() } : null,
    );
  }, [report, actionId, title, dirty, t]);
  useEffect(() => () => report(`assessment-${actionId}`, null), [report, actionId]);

  if (!page.editable) {
    return (
      <div className="assessment-view">
        <h3>{t('assessment.heading')}</h3>
        {assessment.rate === null ? (
          <p className="muted">{t('assessment.notEntered')}</p>
        ) : (
          <dl className="summary-list">
            <div>
              <dt>{t('assessment.heading')}</dt>
              <dd>{formatProgress(assessment.rate)}</dd>
            </div>
            <div>
              <dt>{t('assessment.reason')}</dt>
              <dd className="preserve-lines">
                <PlanText>{assessment.reason}</PlanText>
              </dd>
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
      <h3 id={`${id}-heading`}>{t('assessment.heading')}</h3>
      <p className="field__hint">{t('assessment.hint')}</p>
      {errors.form && (
        <div className="form-error" role="alert">
          <p>{errors.form}</p>
        </div>
      )}
      {conflict && (
        <div className="conflict-panel" role="alert">
          <p>
            <strong>
              {conflict.lastChange
                ? fillNodes(t('assessment.conflictAt'), {
                    who: <PlanText>{conflict.lastChange.byName}</PlanText>,
                    at: dateTime(conflict.lastChange.at),
                  })
                : t('assessment.conflict', { who: t('common.someone') })}
            </strong>
          </p>
          <p>
            {t('assessment.stored', {
              rate: conflict.rate === null ? t('common.none') : formatProgress(conflict.rate),
            })}
            {conflict.reason &&
              fillNodes(t('assessment.storedReason'), { reason: <PlanText>{conflict.reason}</PlanText> })}
          </p>
          <div className="form__actions">
            <button
              type="button"
              className="button button--small"
              onClick={() => void save(conflict.version)}
            >
              {t('common.reapply')}
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
              {t('assessment.takeStored')}
            </button>
          </div>
        </div>
      )}
      <div className="assessment-form__fields">
        <div className={`field${errors.rate ? ' field--invalid' : ''}`}>
          <label htmlFor={`${id}-rate`} className="field__label">
            {t('assessment.rateLabel')}
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
              {t('assessment.reason')}
            </label>
            {parsed !== null && !('error' in parsed) && parsed.value !== null && (
              <span className="field__required" aria-hidden="true">
                {t('assessment.required')}
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
          {t('assessment.save')}
        </button>
        <RowStatus dirty={dirty} state={state === 'conflict' ? 'conflict' : state} savedAt={savedAt} />
      </div>
    </form>
  );
}
