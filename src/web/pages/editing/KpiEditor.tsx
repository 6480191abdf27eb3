import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { fiscalYearEnd, fiscalYearOfDate } from '../../../domain/fiscal-year';
import { KPI_BASIS_LABELS } from '../../../domain/history';
import { formatDateIn, formatFiscalYearIn, type Locale } from '../../../domain/locale';
import type { ActionEditingResponse, ActualRecord, KpiRecord } from '../../../server/editing/editing.schemas';
import { sendJson } from '../../api';
import { FormError, SelectField, TextField } from '../../components/Form';
import { formatFigure } from '../../format';
import { useAreaMessages } from '../../i18n/i18n';
import { PlanText } from '../../i18n/PlanText';
import {
  type ActualValues,
  formatActualField,
  formatKpiBasisLabel,
  formatKpiDirection,
  formatKpiField,
  type KpiValues,
  listActualLabels,
  listKpiLabels,
  toActualPayload,
  toActualValues,
  toKpiPayload,
  toKpiValues,
  validateActual,
  validateKpi,
} from './action-values';
import { actionUrl, planUrl } from './editing.api';
import { type EditingTranslate, editingMessages } from './editing.messages';
import { type FieldErrors, pickFieldError } from './form-values';
import { useVersionedForm } from './useVersionedForm';
import { InlineEditForm } from './VersionedFormParts';

type Editing = ActionEditingResponse;

/** 令和7年度末 / end of FY2025 for a fiscal year's last day, else the date. */
function formatDateOrYearEnd(
  isoDate: string,
  { t, locale }: { t: EditingTranslate; locale: Locale },
): string {
  const fy = fiscalYearOfDate(isoDate);
  if (isoDate === fiscalYearEnd(fy)) return t('kpi.yearEnd', { fy: formatFiscalYearIn({ fy, locale }) });
  return formatDateIn({ isoDate, locale });
}

/** 指標（KPI）: name, unit, direction, basis, baseline and target, and the series of actuals. */
export function KpiEditor({ editing }: { editing: Editing }) {
  const { kpis } = editing;
  const { t } = useAreaMessages(editingMessages);
  return (
    <section className="section" aria-labelledby="kpis-heading">
      <h2 id="kpis-heading">{t('kpi.heading')}</h2>
      {kpis.length === 0 && <p>{t('kpi.empty')}</p>}
      {kpis.map((kpi) => (
        <KpiItem key={kpi.id} editing={editing} kpi={kpi} />
      ))}
      <KpiCreateForm editing={editing} />
    </section>
  );
}

function KpiItem({ editing, kpi }: { editing: Editing; kpi: KpiRecord }) {
  const { plan } = editing;
  const { t, locale } = useAreaMessages(editingMessages);
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
      <h3 id={headingId}>
        <PlanText>{kpi.name}</PlanText>
      </h3>
      <dl className="meta-list">
        <div>
          <dt>{t('kpi.target')}</dt>
          <dd>
            {t('kpi.targetValue', {
              fy: formatFiscalYearIn({ fy: kpi.target.fy, locale }),
              value: formatFigure(kpi.target.value, kpi.unit),
              direction: formatKpiDirection(kpi.direction, locale),
            })}
          </dd>
        </div>
        <div>
          <dt>{t('kpi.baseline')}</dt>
          <dd>
            {kpi.baseline
              ? `${formatFigure(kpi.baseline.value, kpi.unit)}${kpi.baseline.label ? t('common.which', { name: kpi.baseline.label }) : kpi.baseline.date ? t('common.which', { name: formatDateOrYearEnd(kpi.baseline.date, { t, locale }) }) : ''}`
              : t('common.noneShort')}
          </dd>
        </div>
        <div>
          <dt>{t('kpi.basis')}</dt>
          <dd>
            {kpi.basis
              ? formatKpiBasisLabel(kpi.basis, locale)
              : t('kpi.planDefault', { basis: formatKpiBasisLabel(plan.evaluation.defaultKpiBasis, locale) })}
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
          {t('kpi.edit')}
          <span className="visually-hidden">{t('common.which', { name: kpi.name })}</span>
        </button>
        <button
          type="button"
          className="button button--small button--danger"
          disabled={archive.isPending}
          onClick={() => {
            if (window.confirm(t('kpi.confirmArchive', { name: kpi.name }))) archive.mutate();
          }}
        >
          {t('kpi.archive')}
          <span className="visually-hidden">{t('common.which', { name: kpi.name })}</span>
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
  const { t, locale } = useAreaMessages(editingMessages);
  const years: { value: string; label: string }[] = [];
  for (let fy = plan.period.startFy - 1; fy <= plan.period.endFy + 2; fy++) {
    years.push({ value: String(fy), label: formatFiscalYearIn({ fy, locale }) });
  }
  return (
    <>
      <div className="editing-row">
        <TextField
          id={`${idPrefix}-name`}
          label={t('kpi.name')}
          value={values.name}
          onChange={(event) => setValue('name', event.target.value)}
          error={errorFor('name')}
          required
        />
        <TextField
          id={`${idPrefix}-unit`}
          label={t('kpi.unit')}
          hint={t('kpi.unitHint')}
          value={values.unit}
          onChange={(event) => setValue('unit', event.target.value)}
          error={errorFor('unit')}
        />
      </div>
      <div className="editing-row">
        <SelectField
          id={`${idPrefix}-direction`}
          label={t('kpi.direction')}
          value={values.direction}
          options={[
            { value: 'increase', label: t('kpi.increase') },
            { value: 'decrease', label: t('kpi.decrease') },
          ]}
          onChange={(event) => setValue('direction', event.target.value as KpiValues['direction'])}
        />
        <SelectField
          id={`${idPrefix}-basis`}
          label={t('kpi.basis')}
          value={values.basis}
          options={[
            {
              value: '',
              label: t('kpi.planDefault', {
                basis: formatKpiBasisLabel(plan.evaluation.defaultKpiBasis, locale),
              }),
            },
            ...Object.keys(KPI_BASIS_LABELS).map((value) => ({
              value,
              label: formatKpiBasisLabel(value, locale),
            })),
          ]}
          onChange={(event) => setValue('basis', event.target.value as KpiValues['basis'])}
        />
      </div>
      <div className="editing-row">
        <TextField
          id={`${idPrefix}-target-value`}
          label={t('kpi.targetValueField')}
          inputMode="decimal"
          value={values.targetValue}
          onChange={(event) => setValue('targetValue', event.target.value)}
          error={errorFor('target.value') ?? errorFor('target')}
          required
        />
        <SelectField
          id={`${idPrefix}-target-fy`}
          label={t('kpi.targetFy')}
          value={values.targetFy}
          options={years}
          onChange={(event) => setValue('targetFy', event.target.value)}
          error={errorFor('target.fy')}
        />
      </div>
      <div className="editing-row">
        <TextField
          id={`${idPrefix}-baseline-value`}
          label={t('kpi.baselineValue')}
          inputMode="decimal"
          value={values.baselineValue}
          onChange={(event) => setValue('baselineValue', event.target.value)}
          error={errorFor('baseline.value')}
        />
        <TextField
          id={`${idPrefix}-baseline-date`}
          type="date"
          label={t('kpi.baselineDate')}
          hint={values.baselineDate ? formatDateIn({ isoDate: values.baselineDate, locale }) : undefined}
          value={values.baselineDate}
          onChange={(event) => setValue('baselineDate', event.target.value)}
          error={errorFor('baseline.date')}
        />
        <TextField
          id={`${idPrefix}-baseline-label`}
          label={t('kpi.baselineLabel')}
          hint={t('kpi.baselineLabelHint')}
          value={values.baselineLabel}
          onChange={(event) => setValue('baselineLabel', event.target.value)}
          error={errorFor('baseline.label')}
        />
      </div>
      <TextField
        id={`${idPrefix}-weight`}
        label={t('kpi.weight')}
        hint={t('kpi.weightHint')}
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
  const { t, locale } = useAreaMessages(editingMessages);
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
    labels: listKpiLabels(t),
    format: (field, values) => formatKpiField(field, values, { t, locale }),
  });
  return (
    <InlineEditForm form={form} label={t('kpi.editLabel', { name: kpi.name })} onCancel={onDone}>
      <KpiFields
        editing={editing}
        idPrefix={`kpi-${kpi.id}`}
        values={form.values}
        setValue={form.setValue}
        errorFor={form.errorFor}
      />
    </InlineEditForm>
  );
}

function KpiCreateForm({ editing }: { editing: Editing }) {
  const { plan, action } = editing;
  const { t, locale } = useAreaMessages(editingMessages);
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
      <h3 id="kpi-create-heading">{t('kpi.addHeading')}</h3>
      <FormError error={mutation.error} />
      {mutation.isSuccess && (
        <p className="notice notice--success" role="status">
          {t('kpi.added')}
        </p>
      )}
      <KpiFields
        editing={editing}
        idPrefix="new-kpi"
        values={values}
        setValue={(field, value) => setValues((current) => ({ ...current, [field]: value }))}
        errorFor={(path) => pickFieldError({ errors: errors, apiError: mutation.error, path: path, locale })}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          {t('kpi.submit')}
        </button>
      </div>
    </form>
  );
}

function ActualsTable({ editing, kpi }: { editing: Editing; kpi: KpiRecord }) {
  const { t } = useAreaMessages(editingMessages);
  const [editingId, setEditingId] = useState<string | null>(null);
  if (kpi.actuals.length === 0) return <p className="muted">{t('actual.empty')}</p>;
  return (
    <div className="table-scroll">
      <table className="data-table data-table--compact">
        <caption>{t('actual.caption', { name: kpi.name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('actual.date')}</th>
            <th scope="col" className="numeric">
              {t('actual.value')}
            </th>
            <th scope="col">{t('actual.note')}</th>
            <th scope="col">{t('common.operation')}</th>
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
  const { t, locale } = useAreaMessages(editingMessages);
  const queryClient = useQueryClient();
  const label = `${formatDateIn({ isoDate: actual.date, locale })} ${formatFigure(actual.value, kpi.unit)}`;
  const archive = useMutation({
    mutationFn: () =>
      sendJson('POST', `${planUrl(plan.id)}/actuals/${actual.id}/archive`, { version: actual.version }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['plans', plan.id] }),
  });
  return (
    <>
      <tr>
        <th scope="row">{formatDateOrYearEnd(actual.date, { t, locale })}</th>
        <td className="numeric">
          {formatFigure(actual.value, kpi.unit)}
          {actual.hypothetical && (
            <span className="marker marker--hypothetical">{t('actual.hypothetical')}</span>
          )}
        </td>
        <td>{actual.note ? <PlanText>{actual.note}</PlanText> : ''}</td>
        <td>
          <div className="inline-actions">
            <button
              type="button"
              className="button button--small button--secondary"
              aria-expanded={open}
              onClick={onToggle}
            >
              {t('common.edit')}
              <span className="visually-hidden">{t('actual.which', { label })}</span>
            </button>
            <button
              type="button"
              className="button button--small button--danger"
              disabled={archive.isPending}
              onClick={() => {
                if (window.confirm(t('actual.confirmArchive', { label }))) archive.mutate();
              }}
            >
              {t('common.archive')}
              <span className="visually-hidden">{t('actual.which', { label })}</span>
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
  const { t, locale } = useAreaMessages(editingMessages);
  return (
    <>
      <div className="editing-row">
        <TextField
          id={`${idPrefix}-value`}
          label={unit ? t('actual.valueWithUnit', { unit }) : t('actual.value')}
          inputMode="decimal"
          value={values.value}
          onChange={(event) => setValue('value', event.target.value)}
          error={errorFor('value')}
          required
        />
        <TextField
          id={`${idPrefix}-date`}
          type="date"
          label={t('actual.dateField')}
          hint={
            /^\d{4}-\d{2}-\d{2}$/.test(values.date)
              ? formatDateIn({ isoDate: values.date, locale })
              : t('actual.dateHint')
          }
          value={values.date}
          onChange={(event) => setValue('date', event.target.value)}
          error={errorFor('date')}
          required
        />
      </div>
      <TextField
        id={`${idPrefix}-note`}
        label={t('actual.noteField')}
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
          {t('actual.hypotheticalField')}
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
  const { t, locale } = useAreaMessages(editingMessages);
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
    labels: listActualLabels(t),
    format: (field, values) => formatActualField(field, values, { t, locale }),
  });
  return (
    <InlineEditForm form={form} label={t('actual.editLabel')} onCancel={onDone}>
      <ActualFields
        idPrefix={`actual-${actual.id}`}
        unit={unit}
        values={form.values}
        setValue={form.setValue}
        errorFor={form.errorFor}
      />
    </InlineEditForm>
  );
}

function ActualCreateForm({ editing, kpi }: { editing: Editing; kpi: KpiRecord }) {
  const { plan } = editing;
  const { t, locale } = useAreaMessages(editingMessages);
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
          {t('actual.add')}
          <span className="visually-hidden">{t('common.which', { name: kpi.name })}</span>
        </button>
      </p>
    );
  }
  return (
    <form
      className="form form--inline-panel"
      noValidate
      aria-label={t('actual.addLabel', { name: kpi.name })}
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
        errorFor={(path) => pickFieldError({ errors: errors, apiError: mutation.error, path: path, locale })}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          {t('actual.submit')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
