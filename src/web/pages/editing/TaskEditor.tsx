import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { formatFiscalYear } from '../../../domain/fiscal-year';
import type { ActionEditingResponse, TaskRecord } from '../../../server/editing/editing.schemas';
import { sendJson } from '../../api';
import { FormError, SelectField, TextAreaField, TextField } from '../../components/Form';
import { formatProgress } from '../../format';
import {
  createDepartmentNamer,
  formatTaskField,
  TASK_LABELS,
  type TaskValues,
  toTaskPayload,
  toTaskValues,
  validateTask,
} from './action-values';
import { ConflictPanel } from './ConflictPanel';
import { actionUrl, planUrl } from './editing.api';
import { type FieldErrors, pickFieldError } from './form-values';
import { useVersionedForm } from './useVersionedForm';

type Editing = ActionEditingResponse;

/** 年度タスク: each year's plan text and progress per department; the DX office may correct a progress. */
export function TaskEditor({ editing }: { editing: Editing }) {
  const { action, tasks } = editing;
  const departmentName = createDepartmentNamer(editing.departments);
  const [editingId, setEditingId] = useState<string | null>(null);
  const sorted = [...tasks].sort((a, b) => a.fy - b.fy || a.position - b.position);
  return (
    <section className="section" aria-labelledby="tasks-heading">
      <h2 id="tasks-heading">年度タスク</h2>
      {sorted.length === 0 ? (
        <p>年度タスクはまだありません。</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table data-table--compact" data-testid="task-table">
            <caption>{action.title}の年度タスク</caption>
            <thead>
              <tr>
                <th scope="col">年度</th>
                <th scope="col">担当課</th>
                <th scope="col">計画</th>
                <th scope="col" className="numeric">
                  進捗
                </th>
                <th scope="col">操作</th>
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
  const queryClient = useQueryClient();
  const label = `${formatFiscalYear(task.fy)} ${departmentName(task.department)}「${task.planText}」`;
  const archive = useMutation({
    mutationFn: () =>
      sendJson('POST', `${planUrl(plan.id)}/tasks/${task.id}/archive`, { version: task.version }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['plans', plan.id] }),
  });
  return (
    <>
      <tr>
        <td>{formatFiscalYear(task.fy)}</td>
        <td>{departmentName(task.department)}</td>
        <th scope="row" className="preserve-lines">
          {task.planText}
        </th>
        <td className="numeric">
          {task.progress === null ? <span className="muted">未記録</span> : formatProgress(task.progress)}
          {task.expected && <span className="marker marker--projection">予定</span>}
        </td>
        <td>
          <div className="inline-actions">
            <button
              type="button"
              className="button button--small button--secondary"
              aria-expanded={open}
              onClick={onToggle}
            >
              編集<span className="visually-hidden">（{label}）</span>
            </button>
            <button
              type="button"
              className="button button--small button--danger"
              disabled={archive.isPending}
              onClick={() => {
                if (window.confirm(`年度タスク ${label} をアーカイブします。よろしいですか？`))
                  archive.mutate();
              }}
            >
              アーカイブ<span className="visually-hidden">（{label}）</span>
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
  const years: { value: string; label: string }[] = [];
  for (let fy = plan.period.startFy; fy <= plan.period.endFy; fy++) {
    years.push({ value: String(fy), label: formatFiscalYear(fy) });
  }
  const choices = departments
    .filter((department) => !department.archived || department.key === values.department)
    .map((department) => ({ value: department.key, label: department.name }));
  return (
    <>
      <div className="editing-row">
        <SelectField
          id={`${idPrefix}-fy`}
          label="年度"
          value={values.fy}
          options={years}
          onChange={(event) => setValue('fy', event.target.value)}
          error={errorFor('fy')}
        />
        <SelectField
          id={`${idPrefix}-department`}
          label="担当課"
          value={values.department}
          options={[{ value: '', label: '選んでください' }, ...choices]}
          onChange={(event) => setValue('department', event.target.value)}
          error={errorFor('department')}
          required
        />
      </div>
      <TextAreaField
        id={`${idPrefix}-plan-text`}
        label="計画（その年度にやること）"
        value={values.planText}
        onChange={(event) => setValue('planText', event.target.value)}
        error={errorFor('planText')}
        required
      />
      <div className="editing-row">
        <TextField
          id={`${idPrefix}-progress`}
          label="進捗（%）"
          hint="0〜100。まだ記録がなければ空欄"
          inputMode="decimal"
          value={values.progress}
          onChange={(event) => setValue('progress', event.target.value)}
          error={errorFor('progress')}
        />
        <TextField
          id={`${idPrefix}-weight`}
          label="重み（任意）"
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
          予定（見込み）の値です（まだ終わっていない年度の想定。評価は「見込み」と表示されます）
        </label>
      </div>
    </>
  );
}

function TaskEditForm({ editing, task, onDone }: { editing: Editing; task: TaskRecord; onDone: () => void }) {
  const { plan } = editing;
  const queryClient = useQueryClient();
  const departmentName = createDepartmentNamer(editing.departments);
  const form = useVersionedForm<TaskValues, TaskRecord>({
    initial: task,
    toValues: toTaskValues,
    validate: validateTask,
    save: (values, version) =>
      sendJson<TaskRecord>('PUT', `${planUrl(plan.id)}/tasks/${task.id}`, {
        ...toTaskPayload(values),
        version,
      }),
    onSaved: () => {
      void queryClient.invalidateQueries({ queryKey: ['plans', plan.id] });
      onDone();
    },
    labels: TASK_LABELS,
    format: (field, values) => formatTaskField(field, values, departmentName),
  });
  return (
    <form
      className="form form--inline-panel"
      noValidate
      aria-label="年度タスクの編集"
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
      <TaskFields
        editing={editing}
        idPrefix={`task-${task.id}`}
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

function TaskCreateForm({ editing }: { editing: Editing }) {
  const { plan, action } = editing;
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
        const found = validateTask(values);
        setErrors(found);
        if (Object.keys(found).length === 0) mutation.mutate();
      }}
    >
      <h3 id="task-create-heading">年度タスクを追加</h3>
      <FormError error={mutation.error} />
      {mutation.isSuccess && (
        <p className="notice notice--success" role="status">
          年度タスクを追加しました。
        </p>
      )}
      <TaskFields
        editing={editing}
        idPrefix="new-task"
        values={values}
        setValue={(field, value) => setValues((current) => ({ ...current, [field]: value }))}
        errorFor={(path) => pickFieldError(errors, mutation.error, path)}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          年度タスクを追加する
        </button>
      </div>
    </form>
  );
}
