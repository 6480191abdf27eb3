import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { KPI_NOTE_MAX_LENGTH, parseNumberText } from '../../../domain/progress-round';
import type { DepartmentKpiView, KpiSaveResponse } from '../../../server/rounds/rounds.schemas';
import { ApiError, sendJson } from '../../api';
import { DIRECTION_LABELS, formatFigure } from '../../format';
import { fillNodes } from '../../i18n/fill-nodes';
import { PlanText } from '../../i18n/PlanText';
import { useRoundsText } from './parts';
import { useProgressPage } from './progress-context';

type Actual = DepartmentKpiView['actuals'][number];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isValidDate(date: string): boolean {
  return ISO_DATE.test(date) && !Number.isNaN(Date.parse(date));
}

/** The KPIs of an action the department owns: their actual values, added and corrected here. */
export function KpiEditor({ kpis }: { kpis: DepartmentKpiView[] }) {
  const { t } = useRoundsText();
  if (kpis.length === 0) return null;
  return (
    <div className="kpi-editor">
      <h3>{t('kpi.heading')}</h3>
      {kpis.map((kpi) => (
        <KpiCard key={kpi.id} kpi={kpi} />
      ))}
    </div>
  );
}

function useKpiSave(kpi: DepartmentKpiView) {
  const page = useProgressPage();
  const { t } = useRoundsText();
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  const run = async (
    method: 'POST' | 'PATCH',
    path: string,
    body: unknown,
    done: string,
  ): Promise<boolean> => {
    setPending(true);
    setError(null);
    try {
      const response = await sendJson<KpiSaveResponse>(
        method,
        `${page.basePath}/kpis/${encodeURIComponent(kpi.id)}${path}`,
        body,
      );
      page.replaceKpi(response.kpi);
      page.replaceSubmission(response.submission);
      page.announce(done);
      return true;
    } catch (caught) {
      const apiError =
        caught instanceof ApiError
          ? caught
          : new ApiError({
              status: 0,
              code: 'unknown',
              message: t('common.saveFailed'),
            });
      // Someone else changed the series: show theirs at once; what was typed stays in the form.
      if (apiError.code === 'record.conflict') {
        page.replaceKpi((apiError.details as { current: DepartmentKpiView }).current);
      }
      setError(apiError);
      return false;
    } finally {
      setPending(false);
    }
  };
  return { run, error, pending, setError };
}

function KpiCard({ kpi }: { kpi: DepartmentKpiView }) {
  const { t, locale, date: formatDate, dateOrYearEnd, fiscalYear, parseError } = useRoundsText();
  const page = useProgressPage();
  const { editable } = page;
  const id = useId();
  const [value, setValue] = useState('');
  const [date, setDate] = useState(page.data.round.referenceDate);
  const [note, setNote] = useState('');
  const [valueError, setValueError] = useState<string | undefined>();
  const [editing, setEditing] = useState<string | null>(null);
  const save = useKpiSave(kpi);
  const dirty = value.trim() !== '';

  const add = async (): Promise<boolean> => {
    const parsed = parseNumberText(value);
    if ('error' in parsed || parsed.value === null) {
      setValueError('error' in parsed ? parseError(parsed.error) : t('kpi.valueRequired'));
      return false;
    }
    setValueError(undefined);
    const ok = await save.run(
      'POST',
      '/actuals',
      { value: parsed.value, date, ...(note.trim() && { note: note.trim() }), kpiVersion: kpi.version },
      t('kpi.added', { name: kpi.name, value: formatFigure(parsed.value, kpi.unit) }),
    );
    if (ok) {
      setValue('');
      setNote('');
    }
    return ok;
  };

  const addRef = useRef(add);
  addRef.current = add;
  const { report } = page.unsaved;
  useEffect(() => {
    report(
      `kpi-${kpi.id}`,
      dirty ? { label: t('kpi.unsavedLabel', { name: kpi.name }), save: () => addRef.current() } : null,
    );
  }, [report, kpi.id, kpi.name, dirty, t]);
  useEffect(() => () => report(`kpi-${kpi.id}`, null), [report, kpi.id]);

  const conflict = save.error?.code === 'record.conflict';
  return (
    <section className="kpi-card" aria-labelledby={`${id}-name`} data-testid={`kpi-${kpi.key}`}>
      <h4 id={`${id}-name`}>
        <PlanText>{kpi.name}</PlanText>
        <span className="cell-note">{DIRECTION_LABELS[locale][kpi.direction]}</span>
      </h4>
      <p className="kpi-card__target">
        {kpi.baseline && (
          <>
            {t('kpi.baseline', { value: formatFigure(kpi.baseline.value, kpi.unit) })}
            {(kpi.baseline.label || kpi.baseline.date) &&
              fillNodes(t('kpi.baselineWhen'), {
                when: kpi.baseline.label ? (
                  <PlanText>{kpi.baseline.label}</PlanText>
                ) : (
                  dateOrYearEnd(kpi.baseline.date ?? '')
                ),
              })}
            <span aria-hidden="true"> → </span>
            <span className="visually-hidden">{t('common.listSeparator')}</span>
          </>
        )}
        {t('kpi.target', { value: formatFigure(kpi.target.value, kpi.unit), fy: fiscalYear(kpi.target.fy) })}
      </p>
      <div className="table-scroll">
        <table className="data-table data-table--compact kpi-actuals">
          <caption>{fillNodes(t('kpi.caption'), { name: <PlanText>{kpi.name}</PlanText> })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('kpi.colDate')}</th>
              <th scope="col" className="numeric">
                {t('kpi.colValue')}
              </th>
              <th scope="col">{t('kpi.colNote')}</th>
              {editable && <th scope="col">{t('kpi.colActions')}</th>}
            </tr>
          </thead>
          <tbody>
            {kpi.actuals.length === 0 && (
              <tr>
                <td colSpan={editable ? 4 : 3} className="muted">
                  {t('kpi.noActuals')}
                </td>
              </tr>
            )}
            {kpi.actuals.map((actual, index) =>
              editable && actual.id !== null && editing === actual.id ? (
                <ActualEditRow key={actual.id} kpi={kpi} actual={actual} onDone={() => setEditing(null)} />
              ) : (
                <tr key={actual.id ?? `${actual.date}-${index}`}>
                  <th scope="row">{dateOrYearEnd(actual.date)}</th>
                  <td className="numeric">
                    {formatFigure(actual.value, kpi.unit)}
                    {actual.hypothetical && (
                      <span className="marker marker--hypothetical">{t('common.hypothetical')}</span>
                    )}
                  </td>
                  <td>{actual.note && <PlanText>{actual.note}</PlanText>}</td>
                  {editable && (
                    <td>
                      {actual.id !== null && (
                        <div className="inline-actions">
                          <button
                            type="button"
                            className="button button--small button--secondary"
                            onClick={() => setEditing(actual.id)}
                          >
                            {t('kpi.correct')}
                            <span className="visually-hidden">
                              {t('kpi.actualOf', { date: dateOrYearEnd(actual.date) })}
                            </span>
                          </button>
                          <button
                            type="button"
                            className="button button--small button--danger"
                            disabled={save.pending}
                            onClick={() => {
                              if (
                                !window.confirm(t('kpi.confirmDelete', { date: dateOrYearEnd(actual.date) }))
                              )
                                return;
                              void save.run(
                                'POST',
                                `/actuals/${encodeURIComponent(actual.id ?? '')}/archive`,
                                { kpiVersion: kpi.version },
                                t('kpi.deleted', { name: kpi.name }),
                              );
                            }}
                          >
                            {t('common.delete')}
                            <span className="visually-hidden">
                              {t('kpi.actualOf', { date: dateOrYearEnd(actual.date) })}
                            </span>
                          </button>
                        </div>
                      )}
                    </td>
                  )}
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
      {editable && (
        <form
          className="actual-form"
          aria-label={t('kpi.formLabel', { name: kpi.name })}
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            void add();
          }}
        >
          {save.error && (
            <div className="form-error" role="alert">
              <p>{save.error.message}</p>
              {conflict && <p>{t('kpi.conflict')}</p>}
            </div>
          )}
          <div className={`field${valueError || save.error?.issueFor('value') ? ' field--invalid' : ''}`}>
            <label htmlFor={`${id}-value`} className="field__label">
              {t('kpi.valueLabel', { unit: kpi.unit || t('kpi.noUnit') })}
            </label>
            {(valueError ?? save.error?.issueFor('value')) && (
              <p id={`${id}-value-error`} className="field__error">
                <span aria-hidden="true">⚠ </span>
                {valueError ?? save.error?.issueFor('value')}
              </p>
            )}
            <input
              id={`${id}-value`}
              className="field__input actual-form__value"
              type="text"
              inputMode="decimal"
              autoComplete="off"
              value={value}
              onChange={(event) => setValue(event.target.value)}
              aria-invalid={valueError ? true : undefined}
              aria-describedby={valueError ? `${id}-value-error` : undefined}
            />
          </div>
          <div className={`field${save.error?.issueFor('date') ? ' field--invalid' : ''}`}>
            <label htmlFor={`${id}-date`} className="field__label">
              {t('kpi.colDate')}
            </label>
            <p id={`${id}-date-hint`} className="field__hint">
              {isValidDate(date) ? t('date.asOf', { date: formatDate(date) }) : t('kpi.chooseDate')}
            </p>
            {save.error?.issueFor('date') && <p className="field__error">⚠ {save.error.issueFor('date')}</p>}
            <input
              id={`${id}-date`}
              className="field__input"
              type="date"
              value={date}
              required
              onChange={(event) => setDate(event.target.value)}
              aria-describedby={`${id}-date-hint`}
            />
          </div>
          <div className="field actual-form__note">
            <label htmlFor={`${id}-note`} className="field__label">
              {t('kpi.noteLabel')}
            </label>
            <input
              id={`${id}-note`}
              className="field__input"
              type="text"
              maxLength={KPI_NOTE_MAX_LENGTH}
              value={note}
              onChange={(event) => setNote(event.target.value)}
            />
          </div>
          <div className="actual-form__submit">
            <button type="submit" className="button button--small" disabled={save.pending}>
              {t('kpi.add')}
              <span className="visually-hidden">
                {fillNodes(t('common.forItem'), { name: <PlanText>{kpi.name}</PlanText> })}
              </span>
            </button>
            {dirty && (
              <span className="row-status row-status--dirty">
                <span aria-hidden="true">● </span>
                {t('common.unsaved')}
              </span>
            )}
          </div>
        </form>
      )}
    </section>
  );
}

function ActualEditRow({
  kpi,
  actual,
  onDone,
}: {
  kpi: DepartmentKpiView;
  actual: Actual;
  onDone: () => void;
}) {
  const { t, parseError } = useRoundsText();
  const id = useId();
  const [value, setValue] = useState(String(actual.value));
  const [date, setDate] = useState(actual.date);
  const [note, setNote] = useState(actual.note ?? '');
  const [valueError, setValueError] = useState<string | undefined>();
  const save = useKpiSave(kpi);
  const submit = async () => {
    const parsed = parseNumberText(value);
    if ('error' in parsed || parsed.value === null) {
      setValueError('error' in parsed ? parseError(parsed.error) : t('kpi.valueRequired'));
      return;
    }
    const ok = await save.run(
      'PATCH',
      `/actuals/${encodeURIComponent(actual.id ?? '')}`,
      { value: parsed.value, date, ...(note.trim() && { note: note.trim() }), kpiVersion: kpi.version },
      t('kpi.corrected', { name: kpi.name }),
    );
    if (ok) onDone();
  };
  return (
    <tr className="progress-row progress-row--dirty">
      <th scope="row">
        <label htmlFor={`${id}-date`} className="visually-hidden">
          {t('kpi.colDate')}
        </label>
        <input
          id={`${id}-date`}
          className="field__input"
          type="date"
          value={date}
          onChange={(event) => setDate(event.target.value)}
        />
      </th>
      <td className={valueError ? 'field--invalid' : undefined}>
        <label htmlFor={`${id}-value`} className="visually-hidden">
          {t('kpi.valueLabel', { unit: kpi.unit })}
        </label>
        <input
          id={`${id}-value`}
          className="field__input actual-form__value"
          type="text"
          inputMode="decimal"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          aria-invalid={valueError ? true : undefined}
          aria-describedby={valueError ? `${id}-value-error` : undefined}
        />
        {valueError && (
          <p id={`${id}-value-error`} className="field__error">
            ⚠ {valueError}
          </p>
        )}
      </td>
      <td>
        <label htmlFor={`${id}-note`} className="visually-hidden">
          {t('kpi.colNote')}
        </label>
        <input
          id={`${id}-note`}
          className="field__input"
          type="text"
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
        {save.error && (
          <p className="field__error" role="alert">
            ⚠ {save.error.message}
          </p>
        )}
      </td>
      <td>
        <div className="inline-actions">
          <button
            type="button"
            className="button button--small"
            onClick={() => void submit()}
            disabled={save.pending}
          >
            {t('common.save')}
          </button>
          <button type="button" className="button button--small button--secondary" onClick={onDone}>
            {t('common.cancel')}
          </button>
        </div>
      </td>
    </tr>
  );
}
