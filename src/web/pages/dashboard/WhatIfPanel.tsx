import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useId, useState } from 'react';
import type { RatingBand } from '../../../domain/plan.schemas';
import type { WhatIfOptions } from '../../../domain/what-if';
import type { WhatIfAdoptResponse, WhatIfResponse } from '../../../server/dashboard/dashboard.schemas';
import { ApiError, sendJson } from '../../api';
import { useCan } from '../../auth/session';
import { FormError, fieldError } from '../../components/Form';
import { NoValue } from '../../components/RateValue';
import { RatingBadge } from '../../components/RatingBadge';
import { formatRate } from '../../format';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages.ja';
import { PlanText } from '../../i18n/PlanText';
import { whatIfPath } from './dashboard-api';
import { ratingLabel } from './dashboard-format';

type Side = WhatIfResponse['rows'][number]['before'];

const BASIS_KEYS: Record<NonNullable<Side['basis']>, MessageKey> = {
  kpi: 'whatIf.basis.kpi',
  tasks: 'whatIf.basis.tasks',
  assessment: 'whatIf.basis.assessment',
};

interface FormState {
  basisOrder: WhatIfOptions['basisOrder'];
  assessmentReplacesTasks: boolean;
  kpiBasis: WhatIfOptions['kpiBasis'];
  /** As typed, so that a clerk can clear a field while editing it. */
  thresholds: string[];
}

function toFormState(options: WhatIfOptions): FormState {
  return { ...options, thresholds: options.thresholds.map(String) };
}

function toOptions(form: FormState): WhatIfOptions {
  return {
    ...form,
    thresholds: form.thresholds.map((value) => (value.trim() === '' ? Number.NaN : Number(value))),
  };
}

/**
 * The evaluation what-if: change the order of the bases, the KPI basis of all KPIs, whether an overall
 * assessment replaces the task mean, and the thresholds; see every action's rating before → after,
 * computed by the server's engine without saving. The DX office may then adopt the settings.
 */
export function WhatIfPanel({
  planId,
  actionLevel,
  current,
  ratingScale,
  municipalityId,
}: {
  planId: string;
  actionLevel: string;
  current: WhatIfOptions;
  ratingScale: RatingBand[];
  municipalityId: string;
}) {
  const { t, locale } = useI18n();
  const formId = useId();
  const canAdopt = useCan('plan.edit', { municipalityId });
  const queryClient = useQueryClient();
  const [form, setForm] = useState<FormState>(() => toFormState(current));
  const [changedOnly, setChangedOnly] = useState(true);
  const [confirming, setConfirming] = useState(false);
  const compare = useMutation({
    mutationFn: (options: WhatIfOptions) => sendJson<WhatIfResponse>('POST', whatIfPath(planId), options),
    onSuccess: () => setConfirming(false),
  });
  const adopt = useMutation({
    mutationFn: (result: WhatIfResponse) =>
      sendJson<WhatIfAdoptResponse>('POST', `${whatIfPath(planId)}/adopt`, {
        revision: result.revision,
        options: result.options,
      }),
    onSuccess: () => {
      setConfirming(false);
      compare.reset();
      void queryClient.invalidateQueries({ queryKey: ['plans', planId] });
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    adopt.reset();
    compare.mutate(toOptions(form));
  };
  const result = compare.data;
  const rows = result ? result.rows.filter((row) => !changedOnly || row.changed) : [];
  const translated = (side: Side) => ({ ...side.rating, label: ratingLabel(side.rating, locale) });

  return (
    <section className="section what-if" aria-labelledby="what-if">
      <h2 id="what-if">{t('whatIf.title')}</h2>
      <p>{t('whatIf.lead', { level: actionLevel })}</p>
      <form className="form what-if__form" onSubmit={onSubmit} noValidate aria-labelledby="what-if">
        <FormError error={compare.error} />
        <fieldset className="fieldset">
          <legend>{t('whatIf.order')}</legend>
          <Radio
            name={`${formId}-order`}
            checked={form.basisOrder === 'kpi_first'}
            onChange={() => setForm({ ...form, basisOrder: 'kpi_first' })}
            label={t('whatIf.order.kpiFirst')}
          />
          <Radio
            name={`${formId}-order`}
            checked={form.basisOrder === 'tasks_first'}
            onChange={() => setForm({ ...form, basisOrder: 'tasks_first' })}
            label={t('whatIf.order.tasksFirst')}
          />
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t('whatIf.assessment')}</legend>
          <Radio
            name={`${formId}-assessment`}
            checked={form.assessmentReplacesTasks}
            onChange={() => setForm({ ...form, assessmentReplacesTasks: true })}
            label={t('whatIf.assessment.replaces')}
          />
          <Radio
            name={`${formId}-assessment`}
            checked={!form.assessmentReplacesTasks}
            onChange={() => setForm({ ...form, assessmentReplacesTasks: false })}
            label={t('whatIf.assessment.fallback')}
          />
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t('whatIf.kpiBasis')}</legend>
          {(['per_kpi', 'ratio', 'baseline'] as const).map((basis) => (
            <Radio
              key={basis}
              name={`${formId}-kpi-basis`}
              checked={form.kpiBasis === basis}
              onChange={() => setForm({ ...form, kpiBasis: basis })}
              label={t(`whatIf.kpiBasis.${basis}`)}
            />
          ))}
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t('whatIf.thresholds')}</legend>
          <div className="threshold-fields">
            {ratingScale.map((band, index) => {
              const id = `${formId}-threshold-${index}`;
              const last = index === ratingScale.length - 1;
              const error = fieldError(compare.error, `thresholds[${index}]`);
              const errorId = `${id}-error`;
              return (
                <div key={band.key} className={`field threshold-field${error ? ' field--invalid' : ''}`}>
                  <label htmlFor={id} className="field__label">
                    {t('whatIf.threshold', { label: ratingLabel(band, locale) })}
                  </label>
                  {error && (
                    <p id={errorId} className="field__error">
                      <span aria-hidden="true">⚠ </span>
                      {error}
                    </p>
                  )}
                  <span className="threshold-field__input">
                    <input
                      id={id}
                      className="field__input"
                      type="number"
                      inputMode="decimal"
                      min={0}
                      max={100}
                      step={0.1}
                      value={form.thresholds[index] ?? ''}
                      readOnly={last}
                      aria-describedby={error ? errorId : undefined}
                      aria-invalid={error ? true : undefined}
                      onChange={(event) => {
                        const thresholds = [...form.thresholds];
                        thresholds[index] = event.target.value;
                        setForm({ ...form, thresholds });
                      }}
                    />
                    <span aria-hidden="true">%</span>
                  </span>
                  {last && <span className="field__hint">{t('whatIf.thresholdFixed')}</span>}
                </div>
              );
            })}
          </div>
        </fieldset>
        <div className="form__actions">
          <button type="submit" className="button" disabled={compare.isPending}>
            {t('whatIf.compare')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setForm(toFormState(current));
              compare.reset();
              adopt.reset();
            }}
          >
            {t('whatIf.reset')}
          </button>
        </div>
      </form>

      <div aria-live="polite" className="what-if__result">
        {adopt.isSuccess && <p className="notice notice--success">{t('whatIf.adopted')}</p>}
        {result && (
          <>
            <h3>{t('whatIf.resultTitle')}</h3>
            <p data-testid="what-if-summary">
              {t('whatIf.summary', {
                level: actionLevel,
                total: result.rows.length,
                changed: result.changedCount,
              })}
            </p>
          </>
        )}
      </div>

      {result && (
        <>
          <div className="table-scroll">
            <table className="data-table data-table--compact" data-testid="what-if-counts">
              <caption>{t('whatIf.countsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('common.rating')}</th>
                  <th scope="col" className="numeric">
                    {t('whatIf.before')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('whatIf.after')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.counts
                  .filter((count) => count.rating.kind !== 'status' || count.before + count.after > 0)
                  .map((count) => (
                    <tr key={count.rating.key}>
                      <th scope="row">
                        <RatingBadge rating={{ ...count.rating, label: ratingLabel(count.rating, locale) }} />
                      </th>
                      <td className="numeric">{t('common.count', { count: count.before })}</td>
                      <td className="numeric">
                        {t('common.count', { count: count.after })}
                        {count.after !== count.before && (
                          <span className="change-note">
                            （{count.after > count.before ? '+' : '−'}
                            {Math.abs(count.after - count.before)}）
                          </span>
                        )}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
          <label className="checkbox-line">
            <input
              type="checkbox"
              checked={changedOnly}
              onChange={(event) => setChangedOnly(event.target.checked)}
            />
            {t('whatIf.changedOnly', { level: actionLevel })}
          </label>
          {rows.length === 0 ? (
            <p className="notice">{t('whatIf.noChange', { level: actionLevel })}</p>
          ) : (
            <div className="table-scroll">
              <table className="data-table what-if-table" data-testid="what-if-rows">
                <caption>{t('whatIf.rowsCaption', { level: actionLevel })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{actionLevel}</th>
                    <th scope="col">{t('whatIf.before')}</th>
                    <th scope="col">{t('whatIf.after')}</th>
                    <th scope="col">{t('whatIf.changed')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr
                      key={row.actionKey}
                      data-testid={`what-if-row-${row.actionKey}`}
                      className={row.changed ? 'is-changed' : undefined}
                    >
                      <th scope="row">
                        <Link
                          to="/plans/$planId/actions/$actionKey"
                          params={{ planId, actionKey: row.actionKey }}
                        >
                          <PlanText>
                            {row.number} {row.title}
                          </PlanText>
                        </Link>
                      </th>
                      <td>
                        <SideView side={row.before} rating={translated(row.before)} />
                      </td>
                      <td>
                        <SideView side={row.after} rating={translated(row.after)} />
                      </td>
                      <td>{row.changed ? <strong>{t('whatIf.changesYes')}</strong> : <NoValue />}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {canAdopt && (
            <div className="adopt-box">
              <FormError error={adopt.error} />
              {adopt.error instanceof ApiError && adopt.error.status === 409 && (
                <p>
                  <button
                    type="button"
                    className="button button--secondary"
                    onClick={() => compare.mutate(result.options)}
                  >
                    {t('whatIf.recompare')}
                  </button>
                </p>
              )}
              {!confirming ? (
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => setConfirming(true)}
                >
                  {t('whatIf.adopt')}
                </button>
              ) : (
                <div className="confirm-box">
                  <p>{t('whatIf.confirmAdopt', { changed: result.changedCount, level: actionLevel })}</p>
                  <button
                    type="button"
                    className="button"
                    disabled={adopt.isPending}
                    onClick={() => adopt.mutate(result)}
                  >
                    {t('whatIf.adoptNow')}
                  </button>{' '}
                  <button
                    type="button"
                    className="button button--secondary"
                    onClick={() => setConfirming(false)}
                  >
                    {t('common.cancel')}
                  </button>
                </div>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}

function Radio({
  name,
  checked,
  onChange,
  label,
}: {
  name: string;
  checked: boolean;
  onChange: () => void;
  label: string;
}) {
  return (
    <label className="radio-line">
      <input type="radio" name={name} checked={checked} onChange={onChange} />
      {label}
    </label>
  );
}

function SideView({ side, rating }: { side: Side; rating: Side['rating'] }) {
  const { t } = useI18n();
  return (
    <span className="what-if-side">
      <RatingBadge rating={rating} />
      <span className="rate">{side.shown === null ? <NoValue /> : formatRate(side.shown)}</span>
      {side.basis && <span className="cell-note">{t(BASIS_KEYS[side.basis])}</span>}
    </span>
  );
}
