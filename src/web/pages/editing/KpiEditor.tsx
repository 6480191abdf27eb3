import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import {
  formatFiscalYear,
  formatJapaneseDate,
  formatJapaneseDateOrYearEnd,
} from '../../../domain/fiscal-year';
import { KPI_BASIS_LABELS, KPI_DIRECTION_LABELS } from '../../../domain/history';
import type { ActionEditingResponse, ActualRecord, KpiRecord } from '../../../server/editing/editing.schemas';
import { sendJson } from '../../api';
import { FormError, SelectField, TextField } from '../../components/Form';
import { formatFigure } from '../../format';
import {
  ACTUAL_LABELS,
  type ActualValues,
  formatActualField,
  formatKpiField,
  KPI_LABELS,
  type KpiValues,
  toActualPayload,
  toActualValues,
  toKpiPayload,
  toKpiValues,
  validateActual,
  validateKpi,
} from './action-values';
import { ConflictPanel } from './ConflictPanel';
import { actionUrl, planUrl } from './editing.api';
import { type FieldErrors, pickFieldError } from './form-values';
import { useVersionedForm } from './useVersionedForm';

type Editing = ActionEditingResponse;

/** 指標（KPI）: name, unit, direction, basis, baseline and target, and the series of actuals. */
export function KpiEditor({ editing }: { editing: Editing }) {
  const { kpis } = editing;
  return (
    <section className="section" aria-labelledby="kpis-heading">
      <h2 id="kpis-heading">指標（KPI）</h2>
      {kpis.length === 0 && <p>指標はまだありません。目標(値)を数値で評価するときは、指標を追加します。</p>}
      {kpis.map((kpi) => (
        <KpiItem key={kpi.id} editing={editing} kpi={kpi} />
      ))}
      <KpiCreateForm editing={editing} />
    </section>
  );
}

function KpiItem({ editing, kpi }: { editing: Editing; kpi: KpiRecord }) {
  const { plan } = editing;
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const archive = useMutation({
    mutationFn: () =>
      sendJson('POST', `${planUrl(plan.id)}/kpis/${kpi.id}/archive`, { version: kpi.version }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['plans', plan.id] }),
  });
  const headingId = `kpi-${kpi.id}-heading`;
  return (
    <div className="kpi-editor" data-testid={`kpi-${kpi.key}`}>
      <h3 id={headingId}>{kpi.name}</h3>
      <dl className="meta-list">
        <div>
          <dt>目標</dt>
          <dd>
            {formatFiscalYear(kpi.target.fy)}末に {formatFigure(kpi.target.value, kpi.unit)}（
            {KPI_DIRECTION_LABELS[kpi.direction]}）
          </dd>
        </div>
        <div>
          <dt>基準値</dt>
          <dd>
            {kpi.baseline
              ? `${formatFigure(kpi.baseline.value, kpi.unit)}${kpi.baseline.label ? `（${kpi.baseline.label}）` : kpi.baseline.date ? `（${formatJapaneseDateOrYearEnd(kpi.baseline.date)}）` : ''}`
              : 'なし'}
          </dd>
        </div>
        <div>
          <dt>算定基準</dt>
          <dd>
            {kpi.basis
              ? KPI_BASIS_LABELS[kpi.basis]
              : `計画の既定（${KPI_BASIS_LABELS[plan.evaluation.defaultKpiBasis]}）`}
          </dd>
        </div>
      </dl>
      <div className="inline-actions">
        <button
          type="button"
          className="button button--small button--secondary"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          指標を編集<span className="visually-hidden">（{kpi.name}）</span>
        </button>
        <button
          type="button"
          className="button button--small button--danger"
          disabled={archive.isPending}
          onClick={() => {
            if (window.confirm(`指標「${kpi.name}」と実績値をアーカイブします。よろしいですか？`))
              archive.mutate();
          }}
        >
          指標をアーカイブ<span className="visually-hidden">（{kpi.name}）</span>
        </button>
      </div>
      <FormError error={archive.error} />
      {open && <KpiEditForm editing={editing} kpi={kpi} onDone={() => setOpen(false)} />}
      <ActualsTable editing={editing} kpi={kpi} />
      <ActualCreateForm editing={editing} kpi={kpi} />
    </div>
  );
}

function KpiFields({
  editing,
  idPrefix,
  values,
  setValue,
  errorFor,
}: {
  editing: Editing;
  idPrefix: string;
  values: KpiValues;
  setValue: <Field extends keyof KpiValues>(field: Field, value: KpiValues[Field]) => void;
  errorFor: (path: string) => string | undefined;
}) {
  const { plan } = editing;
  const years: { value: string; label: string }[] = [];
  for (let fy = plan.period.startFy - 1; fy <= plan.period.endFy + 2; fy++) {
    years.push({ value: String(fy), label: formatFiscalYear(fy) });
  }
  return (
    <>
      <div className="editing-row">
        <TextField
          id={`${idPrefix}-name`}
          label="指標名"
          value={values.name}
          onChange={(event) => setValue('name', event.target.value)}
          error={errorFor('name')}
          required
        />
        <TextField
          id={`${idPrefix}-unit`}
          label="単位"
          hint="例: 件、%、倍"
          value={values.unit}
          onChange={(event) => setValue('unit', event.target.value)}
          error={errorFor('unit')}
        />
      </div>
      <div className="editing-row">
        <SelectField
          id={`${idPrefix}-direction`}
          label="目標の向き"
          value={values.direction}
          options={[
            { value: 'increase', label: '増やす（多いほどよい）' },
            { value: 'decrease', label: '減らす（少ないほどよい）' },
          ]}
          onChange={(event) => setValue('direction', event.target.value as KpiValues['direction'])}
        />
        <SelectField
          id={`${idPrefix}-basis`}
          label="算定基準"
          value={values.basis}
          options={[
            { value: '', label: `計画の既定（${KPI_BASIS_LABELS[plan.evaluation.defaultKpiBasis]}）` },
            ...Object.entries(KPI_BASIS_LABELS).map(([value, label]) => ({ value, label })),
          ]}
          onChange={(event) => setValue('basis', event.target.value as KpiValues['basis'])}
        />
      </div>
      <div className="editing-row">
        <TextField
          id={`${idPrefix}-target-value`}
          label="目標値"
          inputMode="decimal"
          value={values.targetValue}
          onChange={(event) => setValue('targetValue', event.target.value)}
          error={errorFor('target.value') ?? errorFor('target')}
          required
        />
        <SelectField
          id={`${idPrefix}-target-fy`}
          label="目標年度（年度末）"
          value={values.targetFy}
          options={years}
          onChange={(event) => setValue('targetFy', event.target.value)}
          error={errorFor('target.fy')}
        />
      </div>
      <div className="editing-row">
        <TextField
          id={`${idPrefix}-baseline-value`}
          label="基準値（任意）"
          inputMode="decimal"
          value={values.baselineValue}
          onChange={(event) => setValue('baselineValue', event.target.value)}
          error={errorFor('baseline.value')}
        />
        <TextField
          id={`${idPrefix}-baseline-date`}
          type="date"
          label="基準値の日付"
          hint={values.baselineDate ? formatJapaneseDate(values.baselineDate) : undefined}
          value={values.baselineDate}
          onChange={(event) => setValue('baselineDate', event.target.value)}
          error={errorFor('baseline.date')}
        />
        <TextField
          id={`${idPrefix}-baseline-label`}
          label="基準値の時点（表示）"
          hint="例: 令和5年度末"
          value={values.baselineLabel}
          onChange={(event) => setValue('baselineLabel', event.target.value)}
          error={errorFor('baseline.label')}
        />
      </div>
      <TextField
        id={`${idPrefix}-weight`}
        label="重み（任意）"
        hint="複数の指標を加重平均するときに使います"
        inputMode="decimal"
        value={values.weight}
        onChange={(event) => setValue('weight', event.target.value)}
        error={errorFor('weight')}
      />
    </>
  );
}

function KpiEditForm({ editing, kpi, onDone }: { editing: Editing; kpi: KpiRecord; onDone: () => void }) {
  const { plan } = editing;
  const queryClient = useQueryClient();
  const form = useVersionedForm<KpiValues, KpiRecord>({
    initial: kpi,
    toValues: toKpiValues,
    validate: validateKpi,
    save: (values, version) =>
      sendJson<KpiRecord>('PUT', `${planUrl(plan.id)}/kpis/${kpi.id}`, { ...toKpiPayload(values), version }),
    onSaved: () => {
      void queryClient.invalidateQueries({ queryKey: ['plans', plan.id] });
      onDone();
    },
    labels: KPI_LABELS,
    format: formatKpiField,
  });
  return (
    <form
      className="form form--inline-panel"
      noValidate
      aria-label={`指標「${kpi.name}」の編集`}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        form.submit();
      }}
    >
      {form.conflict && (
        <ConflictPanel
          rows={form.conflict}
          onReapply={form.reapplyMine}
          onTakeTheirs={form.takeTheirs}
          isPending={form.isPending}
        />
      )}
      <FormError error={form.error} />
      <KpiFields
        editing={editing}
        idPrefix={`kpi-${kpi.id}`}
        values={form.values}
        setValue={form.setValue}
        errorFor={form.errorFor}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={form.isPending}>
          保存
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          キャンセル
        </button>
      </div>
    </form>
  );
}

function KpiCreateForm({ editing }: { editing: Editing }) {
  const { plan, action } = editing;
  const queryClient = useQueryClient();
  const initial = (): KpiValues => ({
    name: '',
    unit: '',
    direction: 'increase',
    basis: '',
    baselineValue: '',
    baselineDate: '',
    baselineLabel: '',
    targetValue: '',
    targetFy: String(plan.period.endFy),
    weight: '',
  });
  const [values, setValues] = useState<KpiValues>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const mutation = useMutation({
    mutationFn: () =>
      sendJson<KpiRecord>('POST', `${actionUrl(plan.id, action.key)}/kpis`, toKpiPayload(values)),
    onSuccess: () => {
      setValues(initial());
      void queryClient.invalidateQueries({ queryKey: ['plans', plan.id] });
    },
  });
  return (
    <form
      className="form form--inline-panel"
      noValidate
      aria-labelledby="kpi-create-heading"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        const found = validateKpi(values);
        setErrors(found);
        if (Object.keys(found).length === 0) mutation.mutate();
      }}
    >
      <h3 id="kpi-create-heading">指標を追加</h3>
      <FormError error={mutation.error} />
      {mutation.isSuccess && (
        <p className="notice notice--success" role="status">
          指標を追加しました。実績値は指標ごとに追加します。
        </p>
      )}
      <KpiFields
        editing={editing}
        idPrefix="new-kpi"
        values={values}
        setValue={(field, value) => setValues((current) => ({ ...current, [field]: value }))}
        errorFor={(path) => pickFieldError(errors, mutation.error, path)}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          指標を追加する
        </button>
      </div>
    </form>
  );
}

function ActualsTable({ editing, kpi }: { editing: Editing; kpi: KpiRecord }) {
  const [editingId, setEditingId] = useState<string | null>(null);
  if (kpi.actuals.length === 0) return <p className="muted">実績値はまだありません。</p>;
  return (
    <div className="table-scroll">
      <table className="data-table data-table--compact">
        <caption>「{kpi.name}」の実績値</caption>
        <thead>
          <tr>
            <th scope="col">日付</th>
            <th scope="col" className="numeric">
              実績値
            </th>
            <th scope="col">備考</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {kpi.actuals.map((actual) => (
            <ActualRow
              key={actual.id}
              editing={editing}
              kpi={kpi}
              actual={actual}
              open={editingId === actual.id}
              onToggle={() => setEditingId(editingId === actual.id ? null : actual.id)}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ActualRow({
  editing,
  kpi,
  actual,
  open,
  onToggle,
}: {
  editing: Editing;
  kpi: KpiRecord;
  actual: ActualRecord;
  open: boolean;
  onToggle: () => void;
}) {
  const { plan } = editing;
  const queryClient = useQueryClient();
  const label = `${formatJapaneseDate(actual.date)} ${formatFigure(actual.value, kpi.unit)}`;
  const archive = useMutation({
    mutationFn: () =>
      sendJson('POST', `${planUrl(plan.id)}/actuals/${actual.id}/archive`, { version: actual.version }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['plans', plan.id] }),
  });
  return (
    <>
      <tr>
        <th scope="row">{formatJapaneseDateOrYearEnd(actual.date)}</th>
        <td className="numeric">
          {formatFigure(actual.value, kpi.unit)}
          {actual.hypothetical && <span className="marker marker--hypothetical">仮定値</span>}
        </td>
        <td>{actual.note ?? ''}</td>
        <td>
          <div className="inline-actions">
            <button
              type="button"
              className="button button--small button--secondary"
              aria-expanded={open}
              onClick={onToggle}
            >
              編集<span className="visually-hidden">（実績値 {label}）</span>
            </button>
            <button
              type="button"
              className="button button--small button--danger"
              disabled={archive.isPending}
              onClick={() => {
                if (window.confirm(`実績値 ${label} をアーカイブします。よろしいですか？`)) archive.mutate();
              }}
            >
              アーカイブ<span className="visually-hidden">（実績値 {label}）</span>
            </button>
          </div>
          <FormError error={archive.error} />
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={4}>
            <ActualEditForm editing={editing} actual={actual} onDone={onToggle} />
          </td>
        </tr>
      )}
    </>
  );
}

function ActualFields({
  idPrefix,
  unit,
  values,
  setValue,
  errorFor,
}: {
  idPrefix: string;
  unit: string;
  values: ActualValues;
  setValue: <Field extends keyof ActualValues>(field: Field, value: ActualValues[Field]) => void;
  errorFor: (path: string) => string | undefined;
}) {
  return (
    <>
      <div className="editing-row">
        <TextField
          id={`${idPrefix}-value`}
          label={`実績値${unit ? `（${unit}）` : ''}`}
          inputMode="decimal"
          value={values.value}
          onChange={(event) => setValue('value', event.target.value)}
          error={errorFor('value')}
          required
        />
        <TextField
          id={`${idPrefix}-date`}
          type="date"
          label="日付（いつ時点の値か）"
          hint={
            /^\d{4}-\d{2}-\d{2}$/.test(values.date)
              ? formatJapaneseDate(values.date)
              : '例: 年度末なら 3月31日'
          }
          value={values.date}
          onChange={(event) => setValue('date', event.target.value)}
          error={errorFor('date')}
          required
        />
      </div>
      <TextField
        id={`${idPrefix}-note`}
        label="備考（任意）"
        value={values.note}
        onChange={(event) => setValue('note', event.target.value)}
        error={errorFor('note')}
      />
      <div className="field">
        <label className="checkbox-field">
          <input
            type="checkbox"
            checked={values.hypothetical}
            onChange={(event) => setValue('hypothetical', event.target.checked)}
          />{' '}
          仮定値です（資料が仮定として示した数値）
        </label>
      </div>
    </>
  );
}

function ActualEditForm({
  editing,
  actual,
  onDone,
}: {
  editing: Editing;
  actual: ActualRecord;
  onDone: () => void;
}) {
  const { plan } = editing;
  const queryClient = useQueryClient();
  const unit = editing.kpis.find((kpi) => kpi.actuals.some((item) => item.id === actual.id))?.unit ?? '';
  const form = useVersionedForm<ActualValues, ActualRecord>({
    initial: actual,
    toValues: toActualValues,
    validate: validateActual,
    save: (values, version) =>
      sendJson<ActualRecord>('PUT', `${planUrl(plan.id)}/actuals/${actual.id}`, {
        ...toActualPayload(values),
        version,
      }),
    onSaved: () => {
      void queryClient.invalidateQueries({ queryKey: ['plans', plan.id] });
      onDone();
    },
    labels: ACTUAL_LABELS,
    format: formatActualField,
  });
  return (
    <form
      className="form form--inline-panel"
      noValidate
      aria-label="実績値の編集"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        form.submit();
      }}
    >
      {form.conflict && (
        <ConflictPanel
          rows={form.conflict}
          onReapply={form.reapplyMine}
          onTakeTheirs={form.takeTheirs}
          isPending={form.isPending}
        />
      )}
      <FormError error={form.error} />
      <ActualFields
        idPrefix={`actual-${actual.id}`}
        unit={unit}
        values={form.values}
        setValue={form.setValue}
        errorFor={form.errorFor}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={form.isPending}>
          保存
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          キャンセル
        </button>
      </div>
    </form>
  );
}

function ActualCreateForm({ editing, kpi }: { editing: Editing; kpi: KpiRecord }) {
  const { plan } = editing;
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const empty: ActualValues = { value: '', date: '', hypothetical: false, note: '' };
  const [values, setValues] = useState<ActualValues>(empty);
  const [errors, setErrors] = useState<FieldErrors>({});
  const mutation = useMutation({
    mutationFn: () =>
      sendJson<ActualRecord>('POST', `${planUrl(plan.id)}/kpis/${kpi.id}/actuals`, toActualPayload(values)),
    onSuccess: () => {
      setValues(empty);
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: ['plans', plan.id] });
    },
  });
  if (!open) {
    return (
      <p>
        <button
          type="button"
          className="button button--small button--secondary"
          aria-expanded={false}
          onClick={() => setOpen(true)}
        >
          実績値を追加<span className="visually-hidden">（{kpi.name}）</span>
        </button>
      </p>
    );
  }
  return (
    <form
      className="form form--inline-panel"
      noValidate
      aria-label={`「${kpi.name}」の実績値の追加`}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        const found = validateActual(values);
        setErrors(found);
        if (Object.keys(found).length === 0) mutation.mutate();
      }}
    >
      <FormError error={mutation.error} />
      <ActualFields
        idPrefix={`new-actual-${kpi.id}`}
        unit={kpi.unit}
        values={values}
        setValue={(field, value) => setValues((current) => ({ ...current, [field]: value }))}
        errorFor={(path) => pickFieldError(errors, mutation.error, path)}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          実績値を追加する
        </button>
        <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
          キャンセル
        </button>
      </div>
    </form>
  );
}
