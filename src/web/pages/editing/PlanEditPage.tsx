import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { actionFieldsSchema, nodeFieldsSchema } from '../../../domain/plan-editing.schemas';
import type {
  ActionOutline,
  ActionRecord,
  NodeRecord,
  PlanOutlineResponse,
  PlanSettingsRecord,
} from '../../../server/editing/editing.schemas';
import { sendJson } from '../../api';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { FormError, TextAreaField, TextField } from '../../components/Form';
import { ErrorState, Loading } from '../../components/StatusViews';
import { formatNumbered, formatPageTitle } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { ConflictPanel } from './ConflictPanel';
import { DepartmentChecklist } from './DepartmentChecklist';
import { outlineQuery, planUrl } from './editing.api';
import type { DepartmentOption } from './editing-types';
import { collectFieldErrors, type FieldErrors, optionalText, pickFieldError } from './form-values';
import { PlanSettingsFieldset } from './PlanSettingsFieldset';
import {
  formatPlanSettingsField,
  PLAN_SETTINGS_LABELS,
  type PlanSettingsValues,
  toPlanSettingsPayload,
  toPlanSettingsValues,
  validatePlanSettings,
} from './plan-settings';
import { useVersionedForm } from './useVersionedForm';

type Outline = PlanOutlineResponse;

/** The DX office's editing page of a plan: its settings, its levels and the actions in them. */
export function PlanEditPage({ planId }: { planId: string }) {
  const query = useQuery(outlineQuery(planId));
  if (query.isError)
    return <ErrorState error={query.error} subject="plan" onRetry={() => void query.refetch()} />;
  if (!query.data) return <Loading label="計画を読み込んでいます…" />;
  return <PlanEditView outline={query.data} />;
}

function useInvalidatePlan(planId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['plans', planId] });
}

function PlanEditView({ outline }: { outline: Outline }) {
  const { plan } = outline;
  useDocumentTitle(formatPageTitle('計画の編集', plan.title));
  return (
    <>
      <Breadcrumbs
        items={[
          { key: 'home', content: <Link to="/">計画一覧</Link> },
          {
            key: 'plan',
            content: (
              <Link to="/plans/$planId" params={{ planId: plan.id }}>
                {plan.title}
              </Link>
            ),
          },
          { key: 'edit', content: '編集' },
        ]}
      />
      <h1>
        <span className="heading-prefix">計画の編集</span>
        {plan.title}
      </h1>
      <ul className="link-list">
        <li>
          <Link to="/plans/$planId" params={{ planId: plan.id }}>
            計画のページ（評価）を見る
          </Link>
        </li>
        <li>
          <Link to="/plans/$planId/history" params={{ planId: plan.id }}>
            変更履歴
          </Link>
        </li>
        <li>
          <Link
            to="/municipalities/$municipalityId/departments"
            params={{ municipalityId: plan.municipalityId }}
          >
            部署の管理
          </Link>
        </li>
      </ul>
      <OutlineSection outline={outline} />
      <section className="section" aria-labelledby="plan-settings-heading">
        <h2 id="plan-settings-heading">計画の設定</h2>
        <PlanSettingsForm plan={plan} />
      </section>
    </>
  );
}

function PlanSettingsForm({ plan }: { plan: PlanSettingsRecord }) {
  const invalidate = useInvalidatePlan(plan.id);
  const form = useVersionedForm<PlanSettingsValues, PlanSettingsRecord>({
    initial: plan,
    toValues: (record) => toPlanSettingsValues(record),
    validate: validatePlanSettings,
    save: (values, version) =>
      sendJson<PlanSettingsRecord>('PUT', `${planUrl(plan.id)}/settings`, {
        ...toPlanSettingsPayload(values),
        version,
      }),
    onSaved: () => void invalidate(),
    labels: PLAN_SETTINGS_LABELS,
    format: formatPlanSettingsField,
  });
  return (
    <form
      className="form"
      noValidate
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        form.submit();
      }}
      aria-label="計画の設定"
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
          計画の設定を保存しました。
        </p>
      )}
      <PlanSettingsFieldset
        idPrefix="plan-settings"
        values={form.values}
        setValue={form.setValue}
        errorFor={form.errorFor}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={form.isPending}>
          設定を保存する
        </button>
      </div>
    </form>
  );
}

/* The outline: nodes (テーマ → 重点施策 …) and the actions in them, in their order. */

function OutlineSection({ outline }: { outline: Outline }) {
  const { plan, nodes, actions } = outline;
  const topActions = actions.filter((action) => action.nodeId === null);
  return (
    <section className="section" aria-labelledby="outline-heading">
      <h2 id="outline-heading">
        {plan.levels.length > 0 ? `${plan.levels.join('・')}と${plan.actionLevel}` : plan.actionLevel}
      </h2>
      {plan.levels.length === 0 && <p>この計画は階層を使いません。{plan.actionLevel}を直接追加します。</p>}
      <NodeList outline={outline} parentId={null} depth={0} />
      {plan.levels.length > 0 && (
        <NodeCreateForm planId={plan.id} parentId={null} levelName={plan.levels[0]!} />
      )}
      {(topActions.length > 0 || plan.levels.length === 0) && (
        <div className="outline-actions">
          <ActionList outline={outline} nodeId={null} label={`計画の直下の${plan.actionLevel}`} />
          <ActionCreateForm outline={outline} nodeId={null} placeName="計画の直下" />
        </div>
      )}
      {nodes.length === 0 && actions.length === 0 && plan.levels.length > 0 && (
        <p className="notice">
          まだ何も登録されていません。まず「{plan.levels[0]}を追加」から始めてください。
        </p>
      )}
    </section>
  );
}

function sortByPosition<Row extends { position: number }>(rows: Row[]): Row[] {
  return [...rows].sort((a, b) => a.position - b.position);
}

function NodeList({
  outline,
  parentId,
  depth,
}: {
  outline: Outline;
  parentId: string | null;
  depth: number;
}) {
  const siblings = sortByPosition(outline.nodes.filter((node) => node.parentId === parentId));
  if (siblings.length === 0) return null;
  return (
    <ul className="outline-nodes">
      {siblings.map((node, index) => (
        <NodeItem
          key={node.id}
          outline={outline}
          node={node}
          depth={depth}
          index={index}
          count={siblings.length}
        />
      ))}
    </ul>
  );
}

function NodeItem({
  outline,
  node,
  depth,
  index,
  count,
}: {
  outline: Outline;
  node: NodeRecord;
  depth: number;
  index: number;
  count: number;
}) {
  const { plan } = outline;
  const invalidate = useInvalidatePlan(plan.id);
  const [editing, setEditing] = useState(false);
  const levelName = plan.levels[depth] ?? '';
  const name = formatNumbered({ number: node.number, title: node.title });
  const move = useMutation({
    mutationFn: (position: number) =>
      sendJson<NodeRecord>('POST', `${planUrl(plan.id)}/nodes/${node.id}/move`, {
        parentId: node.parentId,
        position,
        version: node.version,
      }),
    onSettled: () => void invalidate(),
  });
  const archive = useMutation({
    mutationFn: () =>
      sendJson('POST', `${planUrl(plan.id)}/nodes/${node.id}/archive`, { version: node.version }),
    onSuccess: () => void invalidate(),
  });
  return (
    <li className={`outline-node outline-node--depth-${depth}`} data-testid={`outline-node-${node.key}`}>
      <div className="outline-node__header">
        <span className="level-name">{levelName}</span>
        <span className="outline-node__title">{name}</span>
        <div className="inline-actions">
          <button
            type="button"
            className="button button--small button--secondary"
            aria-expanded={editing}
            onClick={() => setEditing(!editing)}
          >
            編集<span className="visually-hidden">（{name}）</span>
          </button>
          <button
            type="button"
            className="button button--small button--secondary"
            disabled={index === 0 || move.isPending}
            onClick={() => move.mutate(index - 1)}
          >
            上へ<span className="visually-hidden">（{name}）</span>
          </button>
          <button
            type="button"
            className="button button--small button--secondary"
            disabled={index === count - 1 || move.isPending}
            onClick={() => move.mutate(index + 1)}
          >
            下へ<span className="visually-hidden">（{name}）</span>
          </button>
          <button
            type="button"
            className="button button--small button--danger"
            disabled={archive.isPending}
            onClick={() => {
              if (window.confirm(`「${name}」をアーカイブします。よろしいですか？（変更履歴は残ります）`))
                archive.mutate();
            }}
          >
            アーカイブ<span className="visually-hidden">（{name}）</span>
          </button>
        </div>
      </div>
      <FormError error={move.error ?? archive.error} />
      {editing && (
        <NodeEditForm planId={plan.id} node={node} levelName={levelName} onDone={() => setEditing(false)} />
      )}
      <NodeList outline={outline} parentId={node.id} depth={depth + 1} />
      {depth + 1 < plan.levels.length && (
        <NodeCreateForm
          planId={plan.id}
          parentId={node.id}
          levelName={plan.levels[depth + 1]!}
          parentName={name}
        />
      )}
      <ActionList outline={outline} nodeId={node.id} label={`${name}の${plan.actionLevel}`} />
      <ActionCreateForm outline={outline} nodeId={node.id} placeName={name} />
    </li>
  );
}

interface NodeValues {
  number: string;
  title: string;
  description: string;
}

const nodePayload = (values: NodeValues) => ({
  number: optionalText(values.number),
  title: values.title,
  description: optionalText(values.description),
});

function NodeFields({
  idPrefix,
  levelName,
  values,
  setValue,
  errorFor,
}: {
  idPrefix: string;
  levelName: string;
  values: NodeValues;
  setValue: <Field extends keyof NodeValues>(field: Field, value: NodeValues[Field]) => void;
  errorFor: (path: string) => string | undefined;
}) {
  return (
    <>
      <TextField
        id={`${idPrefix}-number`}
        label="番号"
        hint="例: 1、1-2（なくてもかまいません）"
        value={values.number}
        onChange={(event) => setValue('number', event.target.value)}
        error={errorFor('number')}
      />
      <TextField
        id={`${idPrefix}-title`}
        label={`${levelName}の名称`}
        value={values.title}
        onChange={(event) => setValue('title', event.target.value)}
        error={errorFor('title')}
        required
      />
      <TextAreaField
        id={`${idPrefix}-description`}
        label="説明"
        value={values.description}
        onChange={(event) => setValue('description', event.target.value)}
        error={errorFor('description')}
      />
    </>
  );
}

function NodeEditForm({
  planId,
  node,
  levelName,
  onDone,
}: {
  planId: string;
  node: NodeRecord;
  levelName: string;
  onDone: () => void;
}) {
  const invalidate = useInvalidatePlan(planId);
  const form = useVersionedForm<NodeValues, NodeRecord>({
    initial: node,
    toValues: (record) => ({
      number: record.number ?? '',
      title: record.title,
      description: record.description ?? '',
    }),
    validate: (values) => collectFieldErrors(nodeFieldsSchema, nodePayload(values)),
    save: (values, version) =>
      sendJson<NodeRecord>('PUT', `${planUrl(planId)}/nodes/${node.id}`, { ...nodePayload(values), version }),
    onSaved: () => {
      void invalidate();
      onDone();
    },
    labels: { number: '番号', title: '名称', description: '説明' },
    format: (field, values) => values[field] || '（なし）',
  });
  return (
    <form
      className="form form--inline-panel"
      noValidate
      aria-label={`「${formatNumbered({ number: node.number, title: node.title })}」の編集`}
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
      <NodeFields
        idPrefix={`node-${node.id}`}
        levelName={levelName}
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

function NodeCreateForm({
  planId,
  parentId,
  levelName,
  parentName,
}: {
  planId: string;
  parentId: string | null;
  levelName: string;
  parentName?: string;
}) {
  const invalidate = useInvalidatePlan(planId);
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<NodeValues>({ number: '', title: '', description: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const mutation = useMutation({
    mutationFn: () =>
      sendJson<NodeRecord>('POST', `${planUrl(planId)}/nodes`, { ...nodePayload(values), parentId }),
    onSuccess: () => {
      setValues({ number: '', title: '', description: '' });
      setOpen(false);
      void invalidate();
    },
  });
  const label = `${levelName}を追加${parentName ? `（${parentName}の下）` : ''}`;
  if (!open) {
    return (
      <p className="outline-add">
        <button
          type="button"
          className="button button--small button--secondary"
          aria-expanded={false}
          onClick={() => setOpen(true)}
        >
          {levelName}を追加
          <span className="visually-hidden">{parentName ? `（${parentName}の下）` : ''}</span>
        </button>
      </p>
    );
  }
  const idPrefix = `new-node-${parentId ?? 'top'}`;
  return (
    <form
      className="form form--inline-panel"
      noValidate
      aria-label={label}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        const found = collectFieldErrors(nodeFieldsSchema, nodePayload(values));
        setErrors(found);
        if (Object.keys(found).length === 0) mutation.mutate();
      }}
    >
      <FormError error={mutation.error} />
      <NodeFields
        idPrefix={idPrefix}
        levelName={levelName}
        values={values}
        setValue={(field, value) => setValues((current) => ({ ...current, [field]: value }))}
        errorFor={(path) => pickFieldError(errors, mutation.error, path)}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          {levelName}を追加する
        </button>
        <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
          キャンセル
        </button>
      </div>
    </form>
  );
}

function ActionList({ outline, nodeId, label }: { outline: Outline; nodeId: string | null; label: string }) {
  const { plan, departments } = outline;
  const actions = sortByPosition(outline.actions.filter((action) => action.nodeId === nodeId));
  if (actions.length === 0) return null;
  const departmentName = (key: string) =>
    departments.find((department) => department.key === key)?.name ?? key;
  return (
    <div className="table-scroll">
      <table className="data-table data-table--compact outline-action-table">
        <caption>{label}</caption>
        <thead>
          <tr>
            <th scope="col">番号・名称</th>
            <th scope="col">担い手</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {actions.map((action, index) => (
            <ActionRow
              key={action.id}
              planId={plan.id}
              action={action}
              index={index}
              count={actions.length}
              owners={action.owners.map(departmentName).join('・')}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ActionRow({
  planId,
  action,
  index,
  count,
  owners,
}: {
  planId: string;
  action: ActionOutline;
  index: number;
  count: number;
  owners: string;
}) {
  const invalidate = useInvalidatePlan(planId);
  const name = formatNumbered(action);
  const move = useMutation({
    mutationFn: (position: number) =>
      sendJson('POST', `${planUrl(planId)}/actions/${encodeURIComponent(action.key)}/move`, {
        parentId: action.nodeId,
        position,
        version: action.version,
      }),
    onSettled: () => void invalidate(),
  });
  return (
    <tr data-testid={`outline-action-${action.key}`}>
      <th scope="row">
        <Link to="/plans/$planId/actions/$actionKey/edit" params={{ planId, actionKey: action.key }}>
          {name}
        </Link>
      </th>
      <td>{owners || '—'}</td>
      <td>
        <div className="inline-actions">
          <button
            type="button"
            className="button button--small button--secondary"
            disabled={index === 0 || move.isPending}
            onClick={() => move.mutate(index - 1)}
          >
            上へ<span className="visually-hidden">（{name}）</span>
          </button>
          <button
            type="button"
            className="button button--small button--secondary"
            disabled={index === count - 1 || move.isPending}
            onClick={() => move.mutate(index + 1)}
          >
            下へ<span className="visually-hidden">（{name}）</span>
          </button>
        </div>
        <FormError error={move.error} />
      </td>
    </tr>
  );
}

interface NewActionValues {
  number: string;
  title: string;
  owners: string[];
}

function ActionCreateForm({
  outline,
  nodeId,
  placeName,
}: {
  outline: Outline;
  nodeId: string | null;
  placeName: string;
}) {
  const { plan, departments } = outline;
  const navigate = useNavigate();
  const invalidate = useInvalidatePlan(plan.id);
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<NewActionValues>({ number: '', title: '', owners: [] });
  const [errors, setErrors] = useState<FieldErrors>({});
  const payload = () => ({ number: values.number, title: values.title, owners: values.owners });
  const mutation = useMutation({
    mutationFn: () => sendJson<ActionRecord>('POST', `${planUrl(plan.id)}/actions`, { ...payload(), nodeId }),
    onSuccess: async (action) => {
      await invalidate();
      void navigate({
        to: '/plans/$planId/actions/$actionKey/edit',
        params: { planId: plan.id, actionKey: action.key },
      });
    },
  });
  if (!open) {
    return (
      <p className="outline-add">
        <button
          type="button"
          className="button button--small button--secondary"
          aria-expanded={false}
          onClick={() => setOpen(true)}
        >
          {plan.actionLevel}を追加<span className="visually-hidden">（{placeName}）</span>
        </button>
      </p>
    );
  }
  const idPrefix = `new-action-${nodeId ?? 'top'}`;
  const errorFor = (path: string) => pickFieldError(errors, mutation.error, path);
  return (
    <form
      className="form form--inline-panel"
      noValidate
      aria-label={`${plan.actionLevel}の追加（${placeName}）`}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        const found = collectFieldErrors(actionFieldsSchema, payload());
        setErrors(found);
        if (Object.keys(found).length === 0) mutation.mutate();
      }}
    >
      <FormError error={mutation.error} />
      <TextField
        id={`${idPrefix}-number`}
        label="番号"
        hint="例: 6"
        value={values.number}
        onChange={(event) => setValues({ ...values, number: event.target.value })}
        error={errorFor('number')}
        required
      />
      <TextField
        id={`${idPrefix}-title`}
        label={`${plan.actionLevel}の名称`}
        value={values.title}
        onChange={(event) => setValues({ ...values, title: event.target.value })}
        error={errorFor('title')}
        required
      />
      <DepartmentChecklist
        legend="担い手（担当課）"
        hint="複数選べます。目指すこと・やること・年度タスクなどは、追加した後の編集画面で入力します。"
        departments={departments as DepartmentOption[]}
        selected={values.owners}
        onChange={(owners) => setValues({ ...values, owners })}
        error={errorFor('owners')}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          {plan.actionLevel}を追加して編集する
        </button>
        <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
          キャンセル
        </button>
      </div>
    </form>
  );
}
