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
import { fillNodes } from '../../i18n/fill-nodes';
import { useAreaMessages } from '../../i18n/i18n';
import { PlanText } from '../../i18n/PlanText';
import { DepartmentChecklist } from './DepartmentChecklist';
import { outlineQuery, planUrl } from './editing.api';
import { editingMessages } from './editing.messages';
import type { DepartmentOption } from './editing-types';
import { collectFieldErrors, type FieldErrors, optionalText, pickFieldError } from './form-values';
import { PlanSettingsFieldset } from './PlanSettingsFieldset';
import {
  formatPlanSettingsField,
  listPlanSettingsLabels,
  type PlanSettingsValues,
  toPlanSettingsPayload,
  toPlanSettingsValues,
  validatePlanSettings,
} from './plan-settings';
import { useVersionedForm } from './useVersionedForm';
import { InlineEditForm, VersionedFormStatus } from './VersionedFormParts';

type Outline = PlanOutlineResponse;

/** The DX office's editing page of a plan: its settings, its levels and the actions in them. */
export function PlanEditPage({ planId }: { planId: string }) {
  const { t } = useAreaMessages(editingMessages);
  const query = useQuery(outlineQuery(planId));
  if (query.isError)
    return <ErrorState error={query.error} subject="plan" onRetry={() => void query.refetch()} />;
  if (!query.data) return <Loading label={t('planEdit.loading')} />;
  return <PlanEditView outline={query.data} />;
}

function useInvalidatePlan(planId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['plans', planId] });
}

function PlanEditView({ outline }: { outline: Outline }) {
  const { plan } = outline;
  const { t } = useAreaMessages(editingMessages);
  useDocumentTitle(formatPageTitle(t('planEdit.title'), plan.title));
  return (
    <>
      <Breadcrumbs
        items={[
          { key: 'home', content: <Link to="/">{t('common.plans')}</Link> },
          {
            key: 'plan',
            content: (
              <Link to="/plans/$planId" params={{ planId: plan.id }}>
                <PlanText>{plan.title}</PlanText>
              </Link>
            ),
          },
          { key: 'edit', content: t('planEdit.crumb') },
        ]}
      />
      <h1>
        <span className="heading-prefix">{t('planEdit.title')}</span>
        <PlanText>{plan.title}</PlanText>
      </h1>
      <ul className="link-list">
        <li>
          <Link to="/plans/$planId" params={{ planId: plan.id }}>
            {t('planEdit.viewPlan')}
          </Link>
        </li>
        <li>
          <Link to="/plans/$planId/history" params={{ planId: plan.id }}>
            {t('common.history')}
          </Link>
        </li>
        <li>
          <Link to="/plans/$planId/archived" params={{ planId: plan.id }}>
            {t('archived.link')}
          </Link>
        </li>
        <li>
          <Link
            to="/municipalities/$municipalityId/departments"
            params={{ municipalityId: plan.municipalityId }}
          >
            {t('common.departments')}
          </Link>
        </li>
      </ul>
      <OutlineSection outline={outline} />
      <section className="section" aria-labelledby="plan-settings-heading">
        <h2 id="plan-settings-heading">{t('planEdit.settingsHeading')}</h2>
        <PlanSettingsForm plan={plan} />
      </section>
    </>
  );
}

function PlanSettingsForm({ plan }: { plan: PlanSettingsRecord }) {
  const { t, locale } = useAreaMessages(editingMessages);
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
    labels: listPlanSettingsLabels(t),
    format: (field, values) => formatPlanSettingsField(field, values, { t, locale }),
  });
  return (
    <form
      className="form"
      noValidate
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        form.submit();
      }}
      aria-label={t('planEdit.settingsHeading')}
    >
      <VersionedFormStatus form={form} />
      {form.saved && (
        <p className="notice notice--success" role="status">
          {t('planEdit.saved')}
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
          {t('planEdit.saveSettings')}
        </button>
      </div>
    </form>
  );
}

/* The outline: nodes (テーマ → 重点施策 …) and the actions in them, in their order. */

function OutlineSection({ outline }: { outline: Outline }) {
  const { plan, nodes, actions } = outline;
  const { t } = useAreaMessages(editingMessages);
  const topActions = actions.filter((action) => action.nodeId === null);
  return (
    <section className="section" aria-labelledby="outline-heading">
      <h2 id="outline-heading">
        {plan.levels.length > 0 ? (
          fillNodes(t('outline.heading'), {
            levels: <PlanText>{plan.levels.join('・')}</PlanText>,
            action: <PlanText>{plan.actionLevel}</PlanText>,
          })
        ) : (
          <PlanText>{plan.actionLevel}</PlanText>
        )}
      </h2>
      {plan.levels.length === 0 && <p>{t('outline.noLevels', { action: plan.actionLevel })}</p>}
      <NodeList outline={outline} parentId={null} depth={0} />
      {plan.levels.length > 0 && (
        <NodeCreateForm planId={plan.id} parentId={null} levelName={plan.levels[0]!} />
      )}
      {(topActions.length > 0 || plan.levels.length === 0) && (
        <div className="outline-actions">
          <ActionList
            outline={outline}
            nodeId={null}
            label={t('outline.topActions', { action: plan.actionLevel })}
          />
          <ActionCreateForm outline={outline} nodeId={null} placeName={t('outline.top')} />
        </div>
      )}
      {nodes.length === 0 && actions.length === 0 && plan.levels.length > 0 && (
        <p className="notice">{t('outline.empty', { level: plan.levels[0]! })}</p>
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
  const { t } = useAreaMessages(editingMessages);
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
        <span className="level-name">
          <PlanText>{levelName}</PlanText>
        </span>
        <span className="outline-node__title">
          <PlanText>{name}</PlanText>
        </span>
        <div className="inline-actions">
          <button
            type="button"
            className="button button--small button--secondary"
            aria-expanded={editing}
            onClick={() => setEditing(!editing)}
          >
            {t('common.edit')}
            <span className="visually-hidden">{t('common.which', { name })}</span>
          </button>
          <button
            type="button"
            className="button button--small button--secondary"
            disabled={index === 0 || move.isPending}
            onClick={() => move.mutate(index - 1)}
          >
            {t('common.moveUp')}
            <span className="visually-hidden">{t('common.which', { name })}</span>
          </button>
          <button
            type="button"
            className="button button--small button--secondary"
            disabled={index === count - 1 || move.isPending}
            onClick={() => move.mutate(index + 1)}
          >
            {t('common.moveDown')}
            <span className="visually-hidden">{t('common.which', { name })}</span>
          </button>
          <button
            type="button"
            className="button button--small button--danger"
            disabled={archive.isPending}
            onClick={() => {
              if (window.confirm(t('outline.confirmArchive', { name }))) archive.mutate();
            }}
          >
            {t('common.archive')}
            <span className="visually-hidden">{t('common.which', { name })}</span>
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
      <ActionList
        outline={outline}
        nodeId={node.id}
        label={t('outline.actionsOf', { name, action: plan.actionLevel })}
      />
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
  const { t } = useAreaMessages(editingMessages);
  return (
    <>
      <TextField
        id={`${idPrefix}-number`}
        label={t('node.number')}
        hint={t('node.numberHint')}
        value={values.number}
        onChange={(event) => setValue('number', event.target.value)}
        error={errorFor('number')}
      />
      <TextField
        id={`${idPrefix}-title`}
        label={t('node.title', { level: levelName })}
        value={values.title}
        onChange={(event) => setValue('title', event.target.value)}
        error={errorFor('title')}
        required
      />
      <TextAreaField
        id={`${idPrefix}-description`}
        label={t('node.description')}
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
  const { t } = useAreaMessages(editingMessages);
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
    labels: { number: t('node.number'), title: t('node.field.title'), description: t('node.description') },
    format: (field, values) => values[field] || t('common.none'),
  });
  return (
    <InlineEditForm
      form={form}
      label={t('node.editLabel', { name: formatNumbered({ number: node.number, title: node.title }) })}
      onCancel={onDone}
    >
      <NodeFields
        idPrefix={`node-${node.id}`}
        levelName={levelName}
        values={form.values}
        setValue={form.setValue}
        errorFor={form.errorFor}
      />
    </InlineEditForm>
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
  const { t, locale } = useAreaMessages(editingMessages);
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
  const label = parentName
    ? t('node.addUnder', { level: levelName, parent: parentName })
    : t('node.add', { level: levelName });
  if (!open) {
    return (
      <p className="outline-add">
        <button
          type="button"
          className="button button--small button--secondary"
          aria-expanded={false}
          onClick={() => setOpen(true)}
        >
          {t('node.add', { level: levelName })}
          <span className="visually-hidden">{parentName ? t('node.under', { parent: parentName }) : ''}</span>
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
        errorFor={(path) => pickFieldError({ errors: errors, apiError: mutation.error, path: path, locale })}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          {t('node.submit', { level: levelName })}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function ActionList({ outline, nodeId, label }: { outline: Outline; nodeId: string | null; label: string }) {
  const { plan, departments } = outline;
  const { t } = useAreaMessages(editingMessages);
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
            <th scope="col">{t('outline.nameColumn')}</th>
            <th scope="col">{t('outline.ownersColumn')}</th>
            <th scope="col">{t('common.operation')}</th>
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
              owners={action.owners.map(departmentName).join(t('common.listSeparator'))}
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
  const { t } = useAreaMessages(editingMessages);
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
          <PlanText>{name}</PlanText>
        </Link>
      </th>
      <td>{owners ? <PlanText>{owners}</PlanText> : '—'}</td>
      <td>
        <div className="inline-actions">
          <button
            type="button"
            className="button button--small button--secondary"
            disabled={index === 0 || move.isPending}
            onClick={() => move.mutate(index - 1)}
          >
            {t('common.moveUp')}
            <span className="visually-hidden">{t('common.which', { name })}</span>
          </button>
          <button
            type="button"
            className="button button--small button--secondary"
            disabled={index === count - 1 || move.isPending}
            onClick={() => move.mutate(index + 1)}
          >
            {t('common.moveDown')}
            <span className="visually-hidden">{t('common.which', { name })}</span>
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
  const { t, locale } = useAreaMessages(editingMessages);
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
          {t('newAction.add', { action: plan.actionLevel })}
          <span className="visually-hidden">{t('common.which', { name: placeName })}</span>
        </button>
      </p>
    );
  }
  const idPrefix = `new-action-${nodeId ?? 'top'}`;
  const errorFor = (path: string) =>
    pickFieldError({ errors: errors, apiError: mutation.error, path: path, locale });
  return (
    <form
      className="form form--inline-panel"
      noValidate
      aria-label={t('newAction.formLabel', { action: plan.actionLevel, place: placeName })}
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
        label={t('node.number')}
        hint={t('newAction.numberHint')}
        value={values.number}
        onChange={(event) => setValues({ ...values, number: event.target.value })}
        error={errorFor('number')}
        required
      />
      <TextField
        id={`${idPrefix}-title`}
        label={t('newAction.title', { action: plan.actionLevel })}
        value={values.title}
        onChange={(event) => setValues({ ...values, title: event.target.value })}
        error={errorFor('title')}
        required
      />
      <DepartmentChecklist
        legend={t('newAction.owners')}
        hint={t('newAction.ownersHint')}
        departments={departments as DepartmentOption[]}
        selected={values.owners}
        onChange={(owners) => setValues({ ...values, owners })}
        error={errorFor('owners')}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          {t('newAction.submit', { action: plan.actionLevel })}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
