import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { formatFiscalYearIn } from '../../../domain/locale';
import type { ActionEditingResponse, TaskRecord } from '../../../server/editing/editing.schemas';
import { sendJson } from '../../api';
import { FormError, SelectField, TextAreaField, TextField } from '../../components/Form';
import { formatProgress } from '../../format';
import { useAreaMessages } from '../../i18n/i18n';
import { PlanText } from '../../i18n/PlanText';
import {
  createDepartmentNamer,
  formatTaskField,
  listTaskLabels,
  type TaskValues,
  toTaskPayload,
  toTaskValues,
  validateTask,
} from './action-values';
import { actionUrl, planUrl } from './editing.api';
import { editingMessages } from './editing.messages';
import { type FieldErrors, pickFieldError } from './form-values';
import { useVersionedForm } from './useVersionedForm';
import { InlineEditForm } from './VersionedFormParts';

type Editing = ActionEditingResponse;

/** 年度タスク: each year's plan text and progress per department; the DX office may correct a progress. */
export function TaskEditor({ editing }: { editing: Editing }) {
  const { action, tasks } = editing;
  const { t } = useAreaMessages(editingMessages);
  const departmentName = createDepartmentNamer(editing.departments);
  const [editingId, setEditingId] = useState<string | null>(null);
  const sorted = [...tasks].sort((a, b) => a.fy - b.fy || a.position - b.position);
  return (
    <section className="section" aria-labelledby="tasks-heading">
      <h2 id="tasks-heading">{t('task.heading')}</h2>
      {sorted.length === 0 ? (
        <p>{t('task.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table data-table--compact" data-testid="task-table">
            <caption>{t('task.caption', { action: action.title })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('task.fy')}</th>
                <th scope="col">{t('task.department')}</th>
                <th scope="col">{t('task.plan')}</th>
                <th scope="col" className="numeric">
                  {t('task.progress')}
                </th>
                <th scope="col">{t('common.operation')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((task) => (
                <TaskRow
                  key={task.id}
                  editing={editing}
                  task={task}
                  open={editingId === task.id}
                  onToggle={() => setEditingId(editingId === task.id ? null : task.id)}
                  departmentName={departmentName}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <TaskCreateForm editing={editing} />
    </section>
  );
}

function TaskRow({
  editing,
  task,
  open,
  onToggle,
  departmentName,
}: {
  editing: Editing;
  task: TaskRecord;
  open: boolean;
  onToggle: () => void;
  departmentName: (key: string) => string;
}) {
  const { plan } = editing;
  const { t, locale } = useAreaMessages(editingMessages);
  const queryClient = useQueryClient();
  const label = t('task.label', {
    fy: formatFiscalYearIn({ fy: task.fy, locale }),
    department: departmentName(task.department),
    plan: task.planText,
  });
  const archive = useMutation({
    mutationFn: () =>
      sendJson('POST', `${planUrl(plan.id)}/tasks/${task.id}/archive`, { version: task.version }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['plans', plan.id] }),
  });
  return (
    <>
      <tr>
        <td>{formatFiscalYearIn({ fy: task.fy, locale })}</td>
        <td>
          <PlanText>{departmentName(task.department)}</PlanText>
        </td>
        <th scope="row" className="preserve-lines">
          <PlanText>{task.planText}</PlanText>
        </th>
        <td className="numeric">
          {task.progress === null ? (
            <span className="muted">{t('common.notRecorded')}</span>
          ) : (
            formatProgress(task.progress)
          )}
          {task.expected && <span className="marker marker--projection">{t('task.expectedMarker')}</span>}
        </td>
        <td>
          <div className="inline-actions">
            <button
              type="button"
              className="button button--small button--secondary"
              aria-expanded={open}
              onClick={onToggle}
            >
              {t('common.edit')}
              <span className="visually-hidden">{t('common.which', { name: label })}</span>
            </button>
            <button
              type="button"
              className="button button--small button--danger"
              disabled={archive.isPending}
              onClick={() => {
                if (window.confirm(t('task.confirmArchive', { label }))) archive.mutate();
              }}
            >
              {t('common.archive')}
              <span className="visually-hidden">{t('common.which', { name: label })}</span>
            </button>
          </div>
          <FormError error={archive.error} />
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={5}>
            <TaskEditForm editing={editing} task={task} onDone={onToggle} />
          </td>
        </tr>
      )}
    </>
  );
}

function TaskFields({
  editing,
  idPrefix,
  values,
  setValue,
  errorFor,
}: {
  editing: Editing;
  idPrefix: string;
  values: TaskValues;
  setValue: <Field extends keyof TaskValues>(field: Field, value: TaskValues[Field]) => void;
  errorFor: (path: string) => string | undefined;
}) {
  const { plan, departments } = editing;
  const { t, locale } = useAreaMessages(editingMessages);
  const years: { value: string; label: string }[] = [];
  for (let fy = plan.period.startFy; fy <= plan.period.endFy; fy++) {
    years.push({ value: String(fy), label: formatFiscalYearIn({ fy, locale }) });
  }
  const choices = departments
    .filter((department) => !department.archived || department.key === values.department)
    .map((department) => ({ value: department.key, label: department.name }));
  return (
    <>
      <div className="editing-row">
        <SelectField
          id={`${idPrefix}-fy`}
          label={t('task.fy')}
          value={values.fy}
          options={years}
          onChange={(event) => setValue('fy', event.target.value)}
          error={errorFor('fy')}
        />
        <SelectField
          id={`${idPrefix}-department`}
          label={t('task.department')}
          value={values.department}
          options={[{ value: '', label: t('common.pick') }, ...choices]}
          onChange={(event) => setValue('department', event.target.value)}
          error={errorFor('department')}
          required
        />
      </div>
      <TextAreaField
        id={`${idPrefix}-plan-text`}
        label={t('task.planText')}
        value={values.planText}
        onChange={(event) => setValue('planText', event.target.value)}
        error={errorFor('planText')}
        required
      />
      <div className="editing-row">
        <TextField
          id={`${idPrefix}-progress`}
          label={t('task.progressPercent')}
          hint={t('task.progressHint')}
          inputMode="decimal"
          value={values.progress}
          onChange={(event) => setValue('progress', event.target.value)}
          error={errorFor('progress')}
        />
        <TextField
          id={`${idPrefix}-weight`}
          label={t('task.weight')}
          inputMode="decimal"
          value={values.weight}
          onChange={(event) => setValue('weight', event.target.value)}
          error={errorFor('weight')}
        />
      </div>
      <div className="field">
        <label className="checkbox-field">
          <input
            type="checkbox"
            checked={values.expected}
            onChange={(event) => setValue('expected', event.target.checked)}
          />{' '}
          {t('task.expected')}
        </label>
      </div>
    </>
  );
}

function TaskEditForm({ editing, task, onDone }: { editing: Editing; task: TaskRecord; onDone: () => void }) {
  const { plan } = editing;
  const { t, locale } = useAreaMessages(editingMessages);
  const queryClient = useQueryClient();
  const departmentName = createDepartmentNamer(editing.departments);
  const form = useVersionedForm<TaskValues, TaskRecord>({
    initial: task,
    toValues: toTaskValues,
    validate: (values) => validateTask(values, t),
    save: (values, version) =>
      sendJson<TaskRecord>('PUT', `${planUrl(plan.id)}/tasks/${task.id}`, {
        ...toTaskPayload(values),
        version,
      }),
    onSaved: () => {
      void queryClient.invalidateQueries({ queryKey: ['plans', plan.id] });
      onDone();
    },
    labels: listTaskLabels(t),
    format: (field, values) => formatTaskField(field, values, departmentName, { t, locale }),
  });
  return (
    <InlineEditForm form={form} label={t('task.editLabel')} onCancel={onDone}>
      <TaskFields
        editing={editing}
        idPrefix={`task-${task.id}`}
        values={form.values}
        setValue={form.setValue}
        errorFor={form.errorFor}
      />
    </InlineEditForm>
  );
}

function TaskCreateForm({ editing }: { editing: Editing }) {
  const { plan, action } = editing;
  const { t, locale } = useAreaMessages(editingMessages);
  const queryClient = useQueryClient();
  const initial = (): TaskValues => ({
    fy: String(plan.period.startFy),
    department: action.owners[0] ?? '',
    planText: '',
    progress: '',
    expected: false,
    weight: '',
  });
  const [values, setValues] = useState<TaskValues>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const mutation = useMutation({
    mutationFn: () =>
      sendJson<TaskRecord>('POST', `${actionUrl(plan.id, action.key)}/tasks`, toTaskPayload(values)),
    onSuccess: () => {
      setValues(initial());
      void queryClient.invalidateQueries({ queryKey: ['plans', plan.id] });
    },
  });
  return (
    <form
      className="form form--inline-panel"
      noValidate
      aria-labelledby="task-create-heading"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        const found = validateTask(values, t);
        setErrors(found);
        if (Object.keys(found).length === 0) mutation.mutate();
      }}
    >
      <h3 id="task-create-heading">{t('task.addHeading')}</h3>
      <FormError error={mutation.error} />
      {mutation.isSuccess && (
        <p className="notice notice--success" role="status">
          {t('task.added')}
        </p>
      )}
      <TaskFields
        editing={editing}
        idPrefix="new-task"
        values={values}
        setValue={(field, value) => setValues((current) => ({ ...current, [field]: value }))}
        errorFor={(path) => pickFieldError({ errors: errors, apiError: mutation.error, path: path, locale })}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          {t('task.submit')}
        </button>
      </div>
    </form>
  );
}
