import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { departmentFieldsSchema } from '../../../domain/plan-editing.schemas';
import type { DepartmentResponse } from '../../../server/departments/departments.schemas';
import { sendJson } from '../../api';
import { useCan, useSession } from '../../auth/session';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { FormError, SelectField, TextField } from '../../components/Form';
import { ErrorState, Loading } from '../../components/StatusViews';
import { formatPageTitle } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { ConflictPanel } from './ConflictPanel';
import { departmentsQuery, departmentsUrl } from './editing.api';
import { collectFieldErrors, type FieldErrors, pickFieldError } from './form-values';
import { useVersionedForm } from './useVersionedForm';

/** The municipality's departments, nested 部 → 課 → 係: add, rename, move, archive (DX office). */
export function DepartmentsPage({ municipalityId }: { municipalityId: string }) {
  const session = useSession();
  const municipality = session?.memberships.find((m) => m.municipality.id === municipalityId)?.municipality;
  useDocumentTitle(formatPageTitle('部署の管理', municipality?.name ?? ''));
  const canManage = useCan('department.manage', { municipalityId });
  const query = useQuery(departmentsQuery(municipalityId));
  if (query.isError)
    return <ErrorState error={query.error} subject="list" onRetry={() => void query.refetch()} />;
  if (!query.data) return <Loading label="部署を読み込んでいます…" />;
  const { departments } = query.data;
  const current = departments.filter((department) => !department.archived);
  const archived = departments.filter((department) => department.archived);
  return (
    <>
      <Breadcrumbs
        items={[
          { key: 'home', content: <Link to="/">計画一覧</Link> },
          { key: 'departments', content: '部署の管理' },
        ]}
      />
      <h1>
        <span className="heading-prefix">{municipality?.name}</span>部署の管理
      </h1>
      <p className="lead">
        部・課・係の名称と上下関係です。部署を削除すると、その部署の年度タスクや利用者の担当が分からなくなるため、廃止した部署は「アーカイブ」します（変更履歴や過去のタスクには残ります）。
      </p>
      <section className="section" aria-labelledby="departments-heading">
        <h2 id="departments-heading">現在の部署（{current.length}）</h2>
        <DepartmentTree
          municipalityId={municipalityId}
          departments={current}
          parentId={null}
          depth={0}
          canManage={canManage}
        />
      </section>
      {canManage && <DepartmentCreateForm municipalityId={municipalityId} departments={current} />}
      {archived.length > 0 && (
        <section className="section" aria-labelledby="archived-departments-heading">
          <h2 id="archived-departments-heading">アーカイブした部署</h2>
          <ul>
            {archived.map((department) => (
              <li key={department.id}>{department.name}</li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function DepartmentTree({
  municipalityId,
  departments,
  parentId,
  depth,
  canManage,
}: {
  municipalityId: string;
  departments: DepartmentResponse[];
  parentId: string | null;
  depth: number;
  canManage: boolean;
}) {
  const children = departments.filter(
    (department) =>
      department.parentId === parentId ||
      // A department under an archived one is shown at the top, not lost.
      (parentId === null &&
        department.parentId !== null &&
        !departments.some((d) => d.id === department.parentId)),
  );
  if (children.length === 0) return null;
  return (
    <ul className={depth === 0 ? 'department-tree' : 'department-tree__children'}>
      {children.map((department) => (
        <DepartmentItem
          key={department.id}
          municipalityId={municipalityId}
          department={department}
          departments={departments}
          depth={depth}
          canManage={canManage}
        />
      ))}
    </ul>
  );
}

function DepartmentItem({
  municipalityId,
  department,
  departments,
  depth,
  canManage,
}: {
  municipalityId: string;
  department: DepartmentResponse;
  departments: DepartmentResponse[];
  depth: number;
  canManage: boolean;
}) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const archive = useMutation({
    mutationFn: () =>
      sendJson('POST', `${departmentsUrl(municipalityId)}/${department.id}/archive`, {
        version: department.version,
      }),
    onSettled: () =>
      void queryClient.invalidateQueries({ queryKey: ['municipalities', municipalityId, 'departments'] }),
  });
  return (
    <li data-testid={`department-${department.key}`}>
      <div className="department-tree__row">
        <span>{department.name}</span>
        {canManage && (
          <div className="inline-actions">
            <button
              type="button"
              className="button button--small button--secondary"
              aria-expanded={editing}
              onClick={() => setEditing(!editing)}
            >
              名称・上位を変更<span className="visually-hidden">（{department.name}）</span>
            </button>
            <button
              type="button"
              className="button button--small button--danger"
              disabled={archive.isPending}
              onClick={() => {
                if (window.confirm(`「${department.name}」をアーカイブします。よろしいですか？`))
                  archive.mutate();
              }}
            >
              アーカイブ<span className="visually-hidden">（{department.name}）</span>
            </button>
          </div>
        )}
      </div>
      <FormError error={archive.error} />
      {editing && (
        <DepartmentEditForm
          municipalityId={municipalityId}
          department={department}
          departments={departments}
          onDone={() => setEditing(false)}
        />
      )}
      <DepartmentTree
        municipalityId={municipalityId}
        departments={departments}
        parentId={department.id}
        depth={depth + 1}
        canManage={canManage}
      />
    </li>
  );
}

/** The departments a department may be placed under: not itself, nor one below it. */
function listParentOptions(departments: DepartmentResponse[], departmentId: string | null) {
  const isUnder = (id: string | null): boolean => {
    for (let current = id; current; current = departments.find((d) => d.id === current)?.parentId ?? null) {
      if (current === departmentId) return true;
    }
    return false;
  };
  return [
    { value: '', label: 'なし（最上位）' },
    ...departments
      .filter((department) => departmentId === null || !isUnder(department.id))
      .map((department) => ({ value: department.id, label: department.name })),
  ];
}

interface DepartmentValues {
  name: string;
  parentId: string;
}

const toPayload = (values: DepartmentValues) => ({
  name: values.name,
  parentId: values.parentId === '' ? null : values.parentId,
});

function DepartmentEditForm({
  municipalityId,
  department,
  departments,
  onDone,
}: {
  municipalityId: string;
  department: DepartmentResponse;
  departments: DepartmentResponse[];
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const nameOf = (id: string) => departments.find((d) => d.id === id)?.name ?? 'なし（最上位）';
  const form = useVersionedForm<DepartmentValues, DepartmentResponse>({
    initial: department,
    toValues: (record) => ({ name: record.name, parentId: record.parentId ?? '' }),
    validate: (values) => collectFieldErrors(departmentFieldsSchema, toPayload(values)),
    save: (values, version) =>
      sendJson<DepartmentResponse>('PUT', `${departmentsUrl(municipalityId)}/${department.id}`, {
        ...toPayload(values),
        version,
      }),
    onSaved: () => {
      void queryClient.invalidateQueries({ queryKey: ['municipalities', municipalityId, 'departments'] });
      void queryClient.invalidateQueries({ queryKey: ['plans'] });
      onDone();
    },
    labels: { name: '名称', parentId: '上位の部署' },
    format: (field, values) => (field === 'parentId' ? nameOf(values.parentId) : values.name),
  });
  return (
    <form
      className="form form--inline-panel"
      noValidate
      aria-label={`「${department.name}」の変更`}
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
      <TextField
        id={`department-${department.id}-name`}
        label="名称"
        value={form.values.name}
        onChange={(event) => form.setValue('name', event.target.value)}
        error={form.errorFor('name')}
        required
      />
      <SelectField
        id={`department-${department.id}-parent`}
        label="上位の部署"
        value={form.values.parentId}
        options={listParentOptions(departments, department.id)}
        onChange={(event) => form.setValue('parentId', event.target.value)}
        error={form.errorFor('parentId')}
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

function DepartmentCreateForm({
  municipalityId,
  departments,
}: {
  municipalityId: string;
  departments: DepartmentResponse[];
}) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<DepartmentValues>({ name: '', parentId: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const mutation = useMutation({
    mutationFn: () => sendJson<DepartmentResponse>('POST', departmentsUrl(municipalityId), toPayload(values)),
    onSuccess: () => {
      setValues({ name: '', parentId: values.parentId });
      void queryClient.invalidateQueries({ queryKey: ['municipalities', municipalityId, 'departments'] });
    },
  });
  return (
    <section className="section" aria-labelledby="department-create-heading">
      <h2 id="department-create-heading">部署を追加</h2>
      <form
        className="form"
        noValidate
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          const found = collectFieldErrors(departmentFieldsSchema, toPayload(values));
          setErrors(found);
          if (Object.keys(found).length === 0) mutation.mutate();
        }}
      >
        <FormError error={mutation.error} />
        {mutation.isSuccess && (
          <p className="notice notice--success" role="status">
            「{mutation.data.name}」を追加しました。
          </p>
        )}
        <TextField
          id="new-department-name"
          label="部署の名称"
          hint="例: 市民課、デジタル戦略係"
          value={values.name}
          onChange={(event) => setValues({ ...values, name: event.target.value })}
          error={pickFieldError(errors, mutation.error, 'name')}
          required
        />
        <SelectField
          id="new-department-parent"
          label="上位の部署"
          value={values.parentId}
          options={listParentOptions(departments, null)}
          onChange={(event) => setValues({ ...values, parentId: event.target.value })}
          error={pickFieldError(errors, mutation.error, 'parentId')}
        />
        <div className="form__actions">
          <button type="submit" className="button" disabled={mutation.isPending}>
            部署を追加する
          </button>
        </div>
      </form>
    </section>
  );
}
