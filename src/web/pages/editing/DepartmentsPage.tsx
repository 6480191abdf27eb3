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
import { useAreaMessages } from '../../i18n/i18n';
import { PlanText } from '../../i18n/PlanText';
import { departmentsQuery, departmentsUrl } from './editing.api';
import { type EditingTranslate, editingMessages } from './editing.messages';
import { collectFieldErrors, type FieldErrors, pickFieldError } from './form-values';
import { useVersionedForm } from './useVersionedForm';
import { InlineEditForm } from './VersionedFormParts';

/** The municipality's departments, nested 部 → 課 → 係: add, rename, move, archive (DX office). */
export function DepartmentsPage({ municipalityId }: { municipalityId: string }) {
  const { t } = useAreaMessages(editingMessages);
  const session = useSession();
  const municipality = session?.memberships.find((m) => m.municipality.id === municipalityId)?.municipality;
  useDocumentTitle(formatPageTitle(t('common.departments'), municipality?.name ?? ''));
  const canManage = useCan('department.manage', { municipalityId });
  const query = useQuery(departmentsQuery(municipalityId));
  if (query.isError)
    return <ErrorState error={query.error} subject="list" onRetry={() => void query.refetch()} />;
  if (!query.data) return <Loading label={t('departments.loading')} />;
  const { departments } = query.data;
  const current = departments.filter((department) => !department.archived);
  const archived = departments.filter((department) => department.archived);
  return (
    <>
      <Breadcrumbs
        items={[
          { key: 'home', content: <Link to="/">{t('common.plans')}</Link> },
          { key: 'departments', content: t('common.departments') },
        ]}
      />
      <h1>
        <span className="heading-prefix">
          <PlanText>{municipality?.name}</PlanText>
        </span>
        {t('common.departments')}
      </h1>
      <p className="lead">{t('departments.lead')}</p>
      <section className="section" aria-labelledby="departments-heading">
        <h2 id="departments-heading">{t('departments.current', { count: current.length })}</h2>
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
          <h2 id="archived-departments-heading">{t('departments.archived')}</h2>
          <ul>
            {archived.map((department) => (
              <li key={department.id}>
                <PlanText>{department.name}</PlanText>
              </li>
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
  const { t } = useAreaMessages(editingMessages);
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
        <span>
          <PlanText>{department.name}</PlanText>
        </span>
        {canManage && (
          <div className="inline-actions">
            <button
              type="button"
              className="button button--small button--secondary"
              aria-expanded={editing}
              onClick={() => setEditing(!editing)}
            >
              {t('departments.rename')}
              <span className="visually-hidden">{t('common.which', { name: department.name })}</span>
            </button>
            <button
              type="button"
              className="button button--small button--danger"
              disabled={archive.isPending}
              onClick={() => {
                if (window.confirm(t('departments.confirmArchive', { name: department.name })))
                  archive.mutate();
              }}
            >
              {t('common.archive')}
              <span className="visually-hidden">{t('common.which', { name: department.name })}</span>
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
function listParentOptions(
  departments: DepartmentResponse[],
  departmentId: string | null,
  t: EditingTranslate,
) {
  const isUnder = (id: string | null): boolean => {
    for (let current = id; current; current = departments.find((d) => d.id === current)?.parentId ?? null) {
      if (current === departmentId) return true;
    }
    return false;
  };
  return [
    { value: '', label: t('departments.top') },
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
  const { t } = useAreaMessages(editingMessages);
  const queryClient = useQueryClient();
  const nameOf = (id: string) => departments.find((d) => d.id === id)?.name ?? t('departments.top');
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
    labels: { name: t('departments.name'), parentId: t('departments.parent') },
    format: (field, values) => (field === 'parentId' ? nameOf(values.parentId) : values.name),
  });
  return (
    <InlineEditForm
      form={form}
      label={t('departments.editLabel', { name: department.name })}
      onCancel={onDone}
    >
      <TextField
        id={`department-${department.id}-name`}
        label={t('departments.name')}
        value={form.values.name}
        onChange={(event) => form.setValue('name', event.target.value)}
        error={form.errorFor('name')}
        required
      />
      <SelectField
        id={`department-${department.id}-parent`}
        label={t('departments.parent')}
        value={form.values.parentId}
        options={listParentOptions(departments, department.id, t)}
        onChange={(event) => form.setValue('parentId', event.target.value)}
        error={form.errorFor('parentId')}
      />
    </InlineEditForm>
  );
}

function DepartmentCreateForm({
  municipalityId,
  departments,
}: {
  municipalityId: string;
  departments: DepartmentResponse[];
}) {
  const { t, locale } = useAreaMessages(editingMessages);
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
      <h2 id="department-create-heading">{t('departments.addHeading')}</h2>
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
            {t('departments.added', { name: mutation.data.name })}
          </p>
        )}
        <TextField
          id="new-department-name"
          label={t('departments.newName')}
          hint={t('departments.newNameHint')}
          value={values.name}
          onChange={(event) => setValues({ ...values, name: event.target.value })}
          error={pickFieldError({ errors: errors, apiError: mutation.error, path: 'name', locale })}
          required
        />
        <SelectField
          id="new-department-parent"
          label={t('departments.parent')}
          value={values.parentId}
          options={listParentOptions(departments, null, t)}
          onChange={(event) => setValues({ ...values, parentId: event.target.value })}
          error={pickFieldError({ errors: errors, apiError: mutation.error, path: 'parentId', locale })}
        />
        <div className="form__actions">
          <button type="submit" className="button" disabled={mutation.isPending}>
            {t('departments.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
