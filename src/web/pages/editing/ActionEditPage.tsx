import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { formatFiscalYear } from '../../../domain/fiscal-year';
import { ACTION_STATUS_LABELS } from '../../../domain/history';
import type { ActionEditingResponse, ActionRecord } from '../../../server/editing/editing.schemas';
import { sendJson } from '../../api';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { FormError, SelectField, TextAreaField, TextField } from '../../components/Form';
import { ErrorState, Loading } from '../../components/StatusViews';
import { formatNumbered, formatPageTitle } from '../../format';
import { useDocumentTitle } from '../../hooks';
import {
  ACTION_LABELS,
  type ActionValues,
  createDepartmentNamer,
  formatActionField,
  toActionPayload,
  toActionValues,
  validateAction,
} from './action-values';
import { ConflictPanel } from './ConflictPanel';
import { DepartmentChecklist } from './DepartmentChecklist';
import { actionEditingQuery, actionUrl } from './editing.api';
import { KpiEditor } from './KpiEditor';
import { TaskEditor } from './TaskEditor';
import { useVersionedForm } from './useVersionedForm';

type Editing = ActionEditingResponse;

/** The DX office's editing page of one action: its texts and owners, its yearly tasks, its KPIs. */
export function ActionEditPage({ planId, actionKey }: { planId: string; actionKey: string }) {
  const query = useQuery(actionEditingQuery(planId, actionKey));
  if (query.isError) {
    return (
      <ErrorState error={query.error} subject="action" planId={planId} onRetry={() => void query.refetch()} />
    );
  }
  if (!query.data) return <Loading label="アクションを読み込んでいます…" />;
  return <ActionEditView editing={query.data} />;
}

function ActionEditView({ editing }: { editing: Editing }) {
  const { plan, action } = editing;
  const name = formatNumbered(action);
  useDocumentTitle(formatPageTitle(`${name}の編集`, plan.title));
  return (
    <>
      <Breadcrumbs
        items={[
          { key: 'home', content: <Link to="/">計画一覧</Link> },
          {
            key: 'plan',
            content: (
              <Link to="/plans/$planId/edit" params={{ planId: plan.id }}>
                {plan.title}の編集
              </Link>
            ),
          },
          { key: 'action', content: name },
        ]}
      />
      <h1>
        <span className="heading-prefix">{plan.actionLevel}の編集</span>
        {name}
      </h1>
      <ul className="link-list">
        <li>
          <Link to="/plans/$planId/actions/$actionKey" params={{ planId: plan.id, actionKey: action.key }}>
            {plan.actionLevel}のページ（評価）を見る
          </Link>
        </li>
        <li>
          <Link to="/plans/$planId/history" params={{ planId: plan.id }} search={{ actionKey: action.key }}>
            この{plan.actionLevel}の変更履歴
          </Link>
        </li>
      </ul>
      <section className="section" aria-labelledby="action-fields-heading">
        <h2 id="action-fields-heading">概要</h2>
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
  const queryClient = useQueryClient();
  const departmentName = createDepartmentNamer(editing.departments);
  const form = useVersionedForm<ActionValues, ActionRecord>({
    initial: action,
    toValues: toActionValues,
    validate: validateAction,
    save: (values, version) =>
      sendJson<ActionRecord>('PUT', actionUrl(plan.id, action.key), { ...toActionPayload(values), version }),
    onSaved: () => void queryClient.invalidateQueries({ queryKey: ['plans', plan.id] }),
    labels: ACTION_LABELS,
    format: (field, values) => formatActionField(field, values, departmentName),
  });
  const { values, setValue, errorFor } = form;
  const years = scheduleYears(plan.period, values.schedule);
  const statusOptions = [
    { value: '', label: '指定なし（実施中）' },
    ...Object.entries(ACTION_STATUS_LABELS)
      .filter(([value]) => value !== 'active')
      .map(([value, label]) => ({ value, label })),
  ];
  return (
    <form
      className="form"
      noValidate
      aria-label={`${plan.actionLevel}の概要`}
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
      {form.saved && (
        <p className="notice notice--success" role="status">
          概要を保存しました。
        </p>
      )}
      <div className="editing-row">
        <TextField
          id="action-number"
          label="番号"
          value={values.number}
          onChange={(event) => setValue('number', event.target.value)}
          error={errorFor('number')}
          required
        />
        <TextField
          id="action-title"
          label="名称"
          value={values.title}
          onChange={(event) => setValue('title', event.target.value)}
          error={errorFor('title')}
          required
        />
      </div>
      <TextAreaField
        id="action-aim"
        label="目指すこと"
        value={values.aim}
        onChange={(event) => setValue('aim', event.target.value)}
        error={errorFor('aim')}
      />
      <TextAreaField
        id="action-approach"
        label="やること"
        value={values.approach}
        onChange={(event) => setValue('approach', event.target.value)}
        error={errorFor('approach')}
      />
      <TextAreaField
        id="action-target"
        label="目標(値)"
        hint="計画に書かれているとおりに（例: HPアクセス数 30%向上）。数値で評価する指標は下の「指標」で登録します。"
        value={values.target}
        onChange={(event) => setValue('target', event.target.value)}
        error={errorFor('target')}
      />
      <DepartmentChecklist
        legend="担い手（担当課）"
        hint="複数選べます。"
        departments={departments}
        selected={values.owners}
        onChange={(owners) => setValue('owners', owners)}
        error={errorFor('owners')}
      />
      <SelectField
        id="action-status"
        label="状態"
        hint="未着手・中止・評価困難のときは、達成率ではなくその状態を表示します。"
        value={values.status}
        options={statusOptions}
        onChange={(event) => setValue('status', event.target.value as ActionValues['status'])}
        error={errorFor('status')}
      />
      <ScheduleFields values={values} setValue={setValue} errorFor={errorFor} years={years} />
      {values.owners.length > 1 && (
        <fieldset className="fieldset editing-fieldset">
          <legend className="field__label">課ごとの重み（任意）</legend>
          <p className="field__hint">
            評価の設定が「課ごとの平均の平均」のときに使います。空欄の課は重み 1 として扱います。
          </p>
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
        label="備考"
        value={values.note}
        onChange={(event) => setValue('note', event.target.value)}
        error={errorFor('note')}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={form.isPending}>
          概要を保存する
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
  const update = (index: number, row: ActionValues['schedule'][number]) =>
    setValue(
      'schedule',
      values.schedule.map((item, i) => (i === index ? row : item)),
    );
  return (
    <fieldset className="fieldset editing-fieldset">
      <legend className="field__label">実施スケジュール</legend>
      <p className="field__hint">
        項目ごとに、各年度に行うこと（例: 試験導入、システム導入、実装）を入力します。
      </p>
      {values.schedule.map((row, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a schedule row has no identity but its place
        <div key={index} className="schedule-row">
          <TextField
            id={`schedule-${index}-item`}
            label={`${index + 1}行目の項目`}
            value={row.item}
            onChange={(event) => update(index, { ...row, item: event.target.value })}
            error={errorFor(`schedule[${index}].item`)}
          />
          <div className="editing-row">
            {years.map((fy) => (
              <TextField
                key={fy}
                id={`schedule-${index}-${fy}`}
                label={`${formatFiscalYear(fy)}`}
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
            この行を削除<span className="visually-hidden">（{row.item || `${index + 1}行目`}）</span>
          </button>
        </div>
      ))}
      <p>
        <button
          type="button"
          className="button button--small button--secondary"
          onClick={() => setValue('schedule', [...values.schedule, { item: '', entries: {} }])}
        >
          スケジュールの行を追加
        </button>
      </p>
    </fieldset>
  );
}

/** 所属: which node the action sits under (and so where it is listed and tallied). */
function PlacementSection({ editing }: { editing: Editing }) {
  const { plan, action, nodes } = editing;
  const queryClient = useQueryClient();
  const [nodeId, setNodeId] = useState(action.nodeId ?? '');
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const pathOf = (id: string): string => {
    const names: string[] = [];
    for (let node = byId.get(id); node; node = node.parentId ? byId.get(node.parentId) : undefined) {
      names.unshift(formatNumbered({ number: node.number, title: node.title }));
    }
    return names.join(' ＞ ');
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
    { value: '', label: '計画の直下' },
    ...nodes
      .map((node) => ({ value: node.id, label: pathOf(node.id) }))
      .sort((a, b) => a.label.localeCompare(b.label, 'ja')),
  ];
  return (
    <section className="section" aria-labelledby="action-placement-heading">
      <h2 id="action-placement-heading">所属</h2>
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
            所属を変更しました。
          </p>
        )}
        <SelectField
          id="action-node"
          label={`この${plan.actionLevel}が属する${plan.levels.at(-1)}`}
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
            所属を変更する
          </button>
        </div>
      </form>
    </section>
  );
}

function ArchiveSection({ editing }: { editing: Editing }) {
  const { plan, action } = editing;
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
      <h2 id="action-archive-heading">アーカイブ</h2>
      <p>
        この{plan.actionLevel}
        を計画から外します。年度タスクと指標も一緒に外れます。変更履歴・コメント・写真は残ります。
      </p>
      <FormError error={mutation.error} />
      <button
        type="button"
        className="button button--danger"
        disabled={mutation.isPending}
        onClick={() => {
          if (window.confirm(`「${formatNumbered(action)}」をアーカイブします。よろしいですか？`))
            mutation.mutate();
        }}
      >
        この{plan.actionLevel}をアーカイブする
      </button>
    </section>
  );
}
