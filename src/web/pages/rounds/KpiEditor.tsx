import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import {
  formatFiscalYear,
  formatJapaneseDate,
  formatJapaneseDateOrYearEnd,
} from '../../../domain/fiscal-year';
import { KPI_NOTE_MAX_LENGTH, parseNumberText } from '../../../domain/progress-round';
import type { DepartmentKpiView, KpiSaveResponse } from '../../../server/rounds/rounds.schemas';
import { ApiError, sendJson } from '../../api';
import { DIRECTION_LABELS, formatFigure } from '../../format';
import { useI18n } from '../../i18n/i18n';
import { useProgressPage } from './progress-context';

type Actual = DepartmentKpiView['actuals'][number];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function describeDate(date: string): string {
  return ISO_DATE.test(date) && !Number.isNaN(Date.parse(date)) ? `${formatJapaneseDate(date)}時点` : '';
}

/** The KPIs of an action the department owns: their actual values, added and corrected here. */
export function KpiEditor({ kpis }: { kpis: DepartmentKpiView[] }) {
  if (kpis.length === 0) return null;
  return (
    <div className="kpi-editor">
      <h3>指標（KPI）の実績値</h3>
      {kpis.map((kpi) => (
        <KpiCard key={kpi.id} kpi={kpi} />
      ))}
    </div>
  );
}

function useKpiSave(kpi: DepartmentKpiView) {
  const page = useProgressPage();
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
              message: '保存できませんでした。もう一度お試しください。',
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
  const { locale } = useI18n();
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
      setValueError('error' in parsed ? parsed.error : '実績値を入力してください');
      return false;
    }
    setValueError(undefined);
    const ok = await save.run(
      'POST',
      '/actuals',
      { value: parsed.value, date, ...(note.trim() && { note: note.trim() }), kpiVersion: kpi.version },
      `指標「${kpi.name}」の実績値 ${formatFigure(parsed.value, kpi.unit)} を登録しました`,
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
      dirty ? { label: `指標「${kpi.name}」の実績値`, save: () => addRef.current() } : null,
    );
  }, [report, kpi.id, kpi.name, dirty]);
  useEffect(() => () => report(`kpi-${kpi.id}`, null), [report, kpi.id]);

  const conflict = save.error?.code === 'record.conflict';
  return (
    <section className="kpi-card" aria-labelledby={`${id}-name`} data-testid={`kpi-${kpi.key}`}>
      <h4 id={`${id}-name`}>
        {kpi.name}
        <span className="cell-note">{DIRECTION_LABELS[locale][kpi.direction]}</span>
      </h4>
      <p className="kpi-card__target">
        {kpi.baseline && (
          <>
            基準値 {formatFigure(kpi.baseline.value, kpi.unit)}
            {(kpi.baseline.label || kpi.baseline.date) &&
              `（${kpi.baseline.label ?? formatJapaneseDateOrYearEnd(kpi.baseline.date ?? '')}）`}
            <span aria-hidden="true"> → </span>
            <span className="visually-hidden">、</span>
          </>
        )}
        目標値 {formatFigure(kpi.target.value, kpi.unit)}（{formatFiscalYear(kpi.target.fy)}末）
      </p>
      <div className="table-scroll">
        <table className="data-table data-table--compact kpi-actuals">
          <caption>「{kpi.name}」の実績値</caption>
          <thead>
            <tr>
              <th scope="col">時点</th>
              <th scope="col" className="numeric">
                実績値
              </th>
              <th scope="col">備考</th>
              {editable && <th scope="col">操作</th>}
            </tr>
          </thead>
          <tbody>
            {kpi.actuals.length === 0 && (
              <tr>
                <td colSpan={editable ? 4 : 3} className="muted">
                  まだ実績値がありません
                </td>
              </tr>
            )}
            {kpi.actuals.map((actual, index) =>
              editable && actual.id !== null && editing === actual.id ? (
                <ActualEditRow key={actual.id} kpi={kpi} actual={actual} onDone={() => setEditing(null)} />
              ) : (
                <tr key={actual.id ?? `${actual.date}-${index}`}>
                  <th scope="row">{formatJapaneseDateOrYearEnd(actual.date)}</th>
                  <td className="numeric">
                    {formatFigure(actual.value, kpi.unit)}
                    {actual.hypothetical && <span className="marker marker--hypothetical">仮定値</span>}
                  </td>
                  <td>{actual.note ?? ''}</td>
                  {editable && (
                    <td>
                      {actual.id !== null && (
                        <div className="inline-actions">
                          <button
                            type="button"
                            className="button button--small button--secondary"
                            onClick={() => setEditing(actual.id)}
                          >
                            修正
                            <span className="visually-hidden">
                              （{formatJapaneseDateOrYearEnd(actual.date)}の実績値）
                            </span>
                          </button>
                          <button
                            type="button"
                            className="button button--small button--danger"
                            disabled={save.pending}
                            onClick={() => {
                              if (
                                !window.confirm(
                                  `${formatJapaneseDateOrYearEnd(actual.date)}の実績値を削除します。よろしいですか？（履歴には残ります）`,
                                )
                              )
                                return;
                              void save.run(
                                'POST',
                                `/actuals/${encodeURIComponent(actual.id ?? '')}/archive`,
                                { kpiVersion: kpi.version },
                                `指標「${kpi.name}」の実績値を削除しました`,
                              );
                            }}
                          >
                            削除
                            <span className="visually-hidden">
                              （{formatJapaneseDateOrYearEnd(actual.date)}の実績値）
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
          aria-label={`「${kpi.name}」の実績値を追加`}
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            void add();
          }}
        >
          {save.error && (
            <div className="form-error" role="alert">
              <p>{save.error.message}</p>
              {conflict && (
                <p>
                  最新の実績値を表示しました。入力した値はそのままです。もう一度「実績値を追加」を押すと登録されます。
                </p>
              )}
            </div>
          )}
          <div className={`field${valueError || save.error?.issueFor('value') ? ' field--invalid' : ''}`}>
            <label htmlFor={`${id}-value`} className="field__label">
              実績値（{kpi.unit || '単位なし'}）
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
              時点
            </label>
            <p id={`${id}-date-hint`} className="field__hint">
              {describeDate(date) || '日付を選んでください'}
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
              備考（任意）
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
              実績値を追加<span className="visually-hidden">（{kpi.name}）</span>
            </button>
            {dirty && (
              <span className="row-status row-status--dirty">
                <span aria-hidden="true">● </span>未保存
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
  const id = useId();
  const [value, setValue] = useState(String(actual.value));
  const [date, setDate] = useState(actual.date);
  const [note, setNote] = useState(actual.note ?? '');
  const [valueError, setValueError] = useState<string | undefined>();
  const save = useKpiSave(kpi);
  const submit = async () => {
    const parsed = parseNumberText(value);
    if ('error' in parsed || parsed.value === null) {
      setValueError('error' in parsed ? parsed.error : '実績値を入力してください');
      return;
    }
    const ok = await save.run(
      'PATCH',
      `/actuals/${encodeURIComponent(actual.id ?? '')}`,
      { value: parsed.value, date, ...(note.trim() && { note: note.trim() }), kpiVersion: kpi.version },
      `指標「${kpi.name}」の実績値を修正しました`,
    );
    if (ok) onDone();
  };
  return (
    <tr className="progress-row progress-row--dirty">
      <th scope="row">
        <label htmlFor={`${id}-date`} className="visually-hidden">
          時点
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
          実績値（{kpi.unit}）
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
          備考
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
            保存
          </button>
          <button type="button" className="button button--small button--secondary" onClick={onDone}>
            取消
          </button>
        </div>
      </td>
    </tr>
  );
}
