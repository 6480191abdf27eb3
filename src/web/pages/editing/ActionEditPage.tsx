import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { ACTION_STATUS_LABELS } from '../../../domain/history';
import { formatFiscalYearIn } from '../../../domain/locale';
import type { ActionEditingResponse, ActionRecord } from '../../../server/editing/editing.schemas';
import { sendJson } from '../../api';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { FormError, SelectField, TextAreaField, TextField } from '../../components/Form';
import { ErrorState, Loading } from '../../components/StatusViews';
import { formatNumbered, formatPageTitle } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { fillNodes } from '../../i18n/fill-nodes';
import { useAreaMessages } from '../../i18n/i18n';
import { PlanText } from '../../i18n/PlanText';
import {
  type ActionValues,
  createDepartmentNamer,
  formatActionField,
  formatActionStatus,
  listActionLabels,
  toActionPayload,
  toActionValues,
  validateAction,
} from './action-values';
import { DepartmentChecklist } from './DepartmentChecklist';
import { actionEditingQuery, actionUrl } from './editing.api';
import { editingMessages } from './editing.messages';
import { KpiEditor } from './KpiEditor';
import { TaskEditor } from './TaskEditor';
import { useVersionedForm } from './useVersionedForm';
import { VersionedFormStatus } from './VersionedFormParts';

type Editing = ActionEditingResponse;

/** The DX office's editing page of one action: its texts and owners, its yearly tasks, its KPIs. */
export function ActionEditPage({ planId, actionKey }: { planId: string; actionKey: string }) {
  const { t } = useAreaMessages(editingMessages);
  const query = useQuery(actionEditingQuery(planId, actionKey));
  if (query.isError) {
    return (
      <ErrorState error={query.error} subject="action" planId={planId} onRetry={() => void query.refetch()} />
    );
  }
  if (!query.data) return <Loading label={t('actionEdit.loading')} />;
  return <ActionEditView editing={query.data} />;
}

function ActionEditView({ editing }: { editing: Editing }) {
  const { plan, action } = editing;
  const { t } = useAreaMessages(editingMessages);
  const name = formatNumbered(action);
  useDocumentTitle(formatPageTitle(t('actionEdit.pageTitle', { name }), plan.title));
  return (
    <>
      <Breadcrumbs
        items={[
          { key: 'home', content: <Link to="/">{t('common.plans')}</Link> },
          {
            key: 'plan',
            content: (
              <Link to="/plans/$planId/edit" params={{ planId: plan.id }}>
                {fillNodes(t('actionEdit.planCrumb'), { plan: <PlanText>{plan.title}</PlanText> })}
              </Link>
            ),
          },
          { key: 'action', content: <PlanText>{name}</PlanText> },
        ]}
      />
      <h1>
        <span className="heading-prefix">
          {fillNodes(t('actionEdit.title'), { action: <PlanText>{plan.actionLevel}</PlanText> })}
        </span>
        <PlanText>{name}</PlanText>
      </h1>
      <ul className="link-list">
        <li>
          <Link to="/plans/$planId/actions/$actionKey" params={{ planId: plan.id, actionKey: action.key }}>
            {t('actionEdit.viewAction', { action: plan.actionLevel })}
          </Link>
        </li>
        <li>
          <Link to="/plans/$planId/history" params={{ planId: plan.id }} search={{ actionKey: action.key }}>
            {t('actionEdit.historyLink', { action: plan.actionLevel })}
          </Link>
        </li>
      </ul>
      <section className="section" aria-labelledby="action-fields-heading">
        <h2 id="action-fields-heading">{t('actionEdit.overview')}</h2>
        <ActionFieldsForm editing={editing} />
      </section>
      <TaskEditor editing={editing} />
      <KpiEditor editing={editing} />
      <PlacementSection editing={editing} />
      <ArchiveSection editing={editing} />
    </>
  );
}

function ActionFieldsForm({ editing }: { editing: Editing }) {
  const { plan, action, departments } = editing;
  const { t, locale } = useAreaMessages(editingMessages);
  const queryClient = useQueryClient();
  const departmentName = createDepartmentNamer(editing.departments);
  const form = useVersionedForm<ActionValues, ActionRecord>({
    initial: action,
    toValues: toActionValues,
    validate: validateAction,
    save: (values, version) =>
      sendJson<ActionRecord>('PUT', actionUrl(plan.id, action.key), { ...toActionPayload(values), version }),
    onSaved: () => void queryClient.invalidateQueries({ queryKey: ['plans', plan.id] }),
    labels: listActionLabels(t),
    format: (field, values) => formatActionField(field, values, departmentName, { t, locale }),
  });
  const { values, setValue, errorFor } = form;
  const years = scheduleYears(plan.period, values.schedule);
  const statusOptions = [
    { value: '', label: t('actionEdit.statusDefault') },
    ...Object.keys(ACTION_STATUS_LABELS)
      .filter((value) => value !== 'active')
      .map((value) => ({ value, label: formatActionStatus(value, locale) })),
  ];
  return (
    <form
      className="form"
      noValidate
      aria-label={t('actionEdit.overviewLabel', { action: plan.actionLevel })}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        form.submit();
      }}
    >
      <VersionedFormStatus form={form} />
      {form.saved && (
        <p className="notice notice--success" role="status">
          {t('actionEdit.saved')}
        </p>
      )}
      <div className="editing-row">
        <TextField
          id="action-number"
          label={t('actionEdit.number')}
          value={values.number}
          onChange={(event) => setValue('number', event.target.value)}
          error={errorFor('number')}
          required
        />
        <TextField
          id="action-title"
          label={t('actionEdit.name')}
          value={values.title}
          onChange={(event) => setValue('title', event.target.value)}
          error={errorFor('title')}
          required
        />
      </div>
      <TextAreaField
        id="action-aim"
        label={t('actionEdit.aim')}
        value={values.aim}
        onChange={(event) => setValue('aim', event.target.value)}
        error={errorFor('aim')}
      />
      <TextAreaField
        id="action-approach"
        label={t('actionEdit.approach')}
        value={values.approach}
        onChange={(event) => setValue('approach', event.target.value)}
        error={errorFor('approach')}
      />
      <TextAreaField
        id="action-target"
        label={t('actionEdit.target')}
        hint={t('actionEdit.targetHint')}
        value={values.target}
        onChange={(event) => setValue('target', event.target.value)}
        error={errorFor('target')}
      />
      <DepartmentChecklist
        legend={t('actionEdit.owners')}
        hint={t('actionEdit.ownersHint')}
        departments={departments}
        selected={values.owners}
        onChange={(owners) => setValue('owners', owners)}
        error={errorFor('owners')}
      />
      <SelectField
        id="action-status"
        label={t('actionEdit.status')}
        hint={t('actionEdit.statusHint')}
        value={values.status}
        options={statusOptions}
        onChange={(event) => setValue('status', event.target.value as ActionValues['status'])}
        error={errorFor('status')}
      />
      <ScheduleFields values={values} setValue={setValue} errorFor={errorFor} years={years} />
      {values.owners.length > 1 && (
        <fieldset className="fieldset editing-fieldset">
          <legend className="field__label">{t('actionEdit.weights')}</legend>
          <p className="field__hint">{t('actionEdit.weightsHint')}</p>
          <div className="editing-row">
            {values.owners.map((key) => (
              <TextField
                key={key}
                id={`action-weight-${key}`}
                label={departmentName(key)}
                inputMode="decimal"
                value={values.departmentWeights[key] ?? ''}
                onChange={(event) =>
                  setValue('departmentWeights', { ...values.departmentWeights, [key]: event.target.value })
                }
                error={errorFor(`departmentWeights.${key}`) ?? errorFor(`departmentWeights["${key}"]`)}
              />
            ))}
          </div>
        </fieldset>
      )}
      <TextAreaField
        id="action-note"
        label={t('actionEdit.note')}
        value={values.note}
        onChange={(event) => setValue('note', event.target.value)}
        error={errorFor('note')}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={form.isPending}>
          {t('actionEdit.submit')}
        </button>
      </div>
    </form>
  );
}

function scheduleYears(
  period: { startFy: number; endFy: number },
  schedule: ActionValues['schedule'],
): number[] {
  const years = new Set<number>();
  for (let fy = period.startFy; fy <= period.endFy; fy++) years.add(fy);
  for (const row of schedule) for (const fy of Object.keys(row.entries)) years.add(Number(fy));
  return [...years].sort((a, b) => a - b);
}

/** 実施スケジュール: rows (e.g. 電子申請) with what happens in each fiscal year (試験導入 → 本格導入). */
function ScheduleFields({
  values,
  setValue,
  errorFor,
  years,
}: {
  values: ActionValues;
  setValue: <Field extends keyof ActionValues>(field: Field, value: ActionValues[Field]) => void;
  errorFor: (path: string) => string | undefined;
  years: number[];
}) {
  const { t, locale } = useAreaMessages(editingMessages);
  const update = (index: number, row: ActionValues['schedule'][number]) =>
    setValue(
      'schedule',
      values.schedule.map((item, i) => (i === index ? row : item)),
    );
  return (
    <fieldset className="fieldset editing-fieldset">
      <legend className="field__label">{t('schedule.legend')}</legend>
      <p className="field__hint">{t('schedule.hint')}</p>
      {values.schedule.map((row, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a schedule row has no identity but its place
        <div key={index} className="schedule-row">
          <TextField
            id={`schedule-${index}-item`}
            label={t('schedule.item', { n: index + 1 })}
            value={row.item}
            onChange={(event) => update(index, { ...row, item: event.target.value })}
            error={errorFor(`schedule[${index}].item`)}
          />
          <div className="editing-row">
            {years.map((fy) => (
              <TextField
                key={fy}
                id={`schedule-${index}-${fy}`}
                label={formatFiscalYearIn({ fy, locale })}
                value={row.entries[String(fy)] ?? ''}
                onChange={(event) =>
                  update(index, { ...row, entries: { ...row.entries, [String(fy)]: event.target.value } })
                }
              />
            ))}
          </div>
          <button
            type="button"
            className="button button--small button--secondary"
            onClick={() =>
              setValue(
                'schedule',
                values.schedule.filter((_, i) => i !== index),
              )
            }
          >
            {t('schedule.removeRow')}
            <span className="visually-hidden">
              {t('common.which', { name: row.item || t('schedule.row', { n: index + 1 }) })}
            </span>
          </button>
        </div>
      ))}
      <p>
        <button
          type="button"
          className="button button--small button--secondary"
          onClick={() => setValue('schedule', [...values.schedule, { item: '', entries: {} }])}
        >
          {t('schedule.addRow')}
        </button>
      </p>
    </fieldset>
  );
}

/** 所属: which node the action sits under (and so where it is listed and tallied). */
function PlacementSection({ editing }: { editing: Editing }) {
  const { plan, action, nodes } = editing;
  const { t } = useAreaMessages(editingMessages);
  const queryClient = useQueryClient();
  const [nodeId, setNodeId] = useState(action.nodeId ?? '');
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const pathOf = (id: string): string => {
    const names: string[] = [];
    for (let node = byId.get(id); node; node = node.parentId ? byId.get(node.parentId) : undefined) {
      names.unshift(formatNumbered({ number: node.number, title: node.title }));
    }
    return names.join(t('placement.pathSeparator'));
  };
  const mutation = useMutation({
    mutationFn: () =>
      sendJson<ActionRecord>('POST', `${actionUrl(plan.id, action.key)}/move`, {
        parentId: nodeId === '' ? null : nodeId,
        position: 10_000,
        version: action.version,
      }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['plans', plan.id] }),
  });
  if (plan.levels.length === 0) return null;
  const options = [
    { value: '', label: t('outline.top') },
    ...nodes
      .map((node) => ({ value: node.id, label: pathOf(node.id) }))
      .sort((a, b) => a.label.localeCompare(b.label, 'ja')),
  ];
  return (
    <section className="section" aria-labelledby="action-placement-heading">
      <h2 id="action-placement-heading">{t('placement.heading')}</h2>
      <form
        className="form"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          mutation.mutate();
        }}
      >
        <FormError error={mutation.error} />
        {mutation.isSuccess && (
          <p className="notice notice--success" role="status">
            {t('placement.saved')}
          </p>
        )}
        <SelectField
          id="action-node"
          label={t('placement.label', { action: plan.actionLevel, level: plan.levels.at(-1) ?? '' })}
          value={nodeId}
          options={options}
          onChange={(event) => setNodeId(event.target.value)}
        />
        <div className="form__actions">
          <button
            type="submit"
            className="button button--secondary"
            disabled={mutation.isPending || nodeId === (action.nodeId ?? '')}
          >
            {t('placement.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

function ArchiveSection({ editing }: { editing: Editing }) {
  const { plan, action } = editing;
  const { t } = useAreaMessages(editingMessages);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () =>
      sendJson('POST', `${actionUrl(plan.id, action.key)}/archive`, { version: action.version }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['plans', plan.id] });
      void navigate({ to: '/plans/$planId/edit', params: { planId: plan.id } });
    },
  });
  return (
    <section className="section" aria-labelledby="action-archive-heading">
      <h2 id="action-archive-heading">{t('common.archive')}</h2>
      <p>{t('archiveAction.text', { action: plan.actionLevel })}</p>
      <FormError error={mutation.error} />
      <button
        type="button"
        className="button button--danger"
        disabled={mutation.isPending}
        onClick={() => {
          if (window.confirm(t('archiveAction.confirm', { name: formatNumbered(action) }))) mutation.mutate();
        }}
      >
        {t('archiveAction.submit', { action: plan.actionLevel })}
      </button>
    </section>
  );
}
