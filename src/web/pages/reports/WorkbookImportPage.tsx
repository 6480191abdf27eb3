import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useId, useState } from 'react';
import type { PlanDiffView, WorkbookPreviewResponse } from '../../../server/workbook/workbook.schemas';
import { ApiError, planQuery } from '../../api';
import { useCan } from '../../auth/session';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { ErrorState, Loading } from '../../components/StatusViews';
import { formatPageTitle } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { fillNodes } from '../../i18n/fill-nodes';
import { type TranslationParams, useAreaMessages, useI18n } from '../../i18n/i18n';
import { PlanText } from '../../i18n/PlanText';
import { isReportsMessageKey, type ReportsMessageKey, reportsMessages } from './reports.messages';
import { applyWorkbook, previewWorkbook, workbookUrl } from './reports-api';

type DiffItem = PlanDiffView['added'][number];
type DiffChange = PlanDiffView['changed'][number];

type Translate = (key: ReportsMessageKey, params?: TranslationParams) => string;

/** A changed field's name; a field the dictionary does not know is shown by its own name. */
function fieldLabel(field: string, t: Translate): string {
  const key = `field.${field}`;
  return isReportsMessageKey(key) ? t(key) : field;
}

/** A value before or after the change: the plan's own text is marked as such, Kiseki's words translated. */
function DiffValue({ field, value }: { field: string; value: unknown }) {
  const { t } = useAreaMessages(reportsMessages);
  if (value === null || value === undefined || value === '') return t('preview.none');
  if (typeof value === 'boolean') return value ? t('preview.yes') : t('preview.no');
  if (typeof value === 'number') return field === 'progress' ? `${value}%` : String(value);
  return <PlanText>{typeof value === 'string' ? value : JSON.stringify(value)}</PlanText>;
}

/** The DX office brings a filled-in workbook back: every problem at once, then a preview, then apply. */
export function WorkbookImportPage({ planId }: { planId: string }) {
  const { t } = useAreaMessages(reportsMessages);
  const plan = useQuery(planQuery(planId));
  if (plan.isError)
    return <ErrorState error={plan.error} subject="plan" onRetry={() => void plan.refetch()} />;
  if (!plan.data) return <Loading label={t('import.loading')} />;
  return <WorkbookImport plan={plan.data.plan} />;
}

function WorkbookImport({
  plan,
}: {
  plan: { id: string; title: string; actionLevel: string; municipality: { id: string } };
}) {
  const { t } = useAreaMessages(reportsMessages);
  const shell = useI18n();
  useDocumentTitle(formatPageTitle(t('import.title'), plan.title));
  const fileId = useId();
  const queryClient = useQueryClient();
  const canEdit = useCan('plan.edit', { municipalityId: plan.municipality.id });
  const [file, setFile] = useState<File | null>(null);
  const [missingFile, setMissingFile] = useState(false);
  const preview = useMutation({
    mutationFn: (chosen: File) => previewWorkbook({ planId: plan.id, file: chosen }),
  });
  const apply = useMutation({
    mutationFn: ({ chosen, revision }: { chosen: File; revision: number }) =>
      applyWorkbook({ planId: plan.id, file: chosen, revision }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['plans', plan.id] }),
  });

  const onPreview = (event: FormEvent) => {
    event.preventDefault();
    setMissingFile(file === null);
    if (!file) return;
    apply.reset();
    preview.mutate(file);
  };

  return (
    <>
      <Breadcrumbs
        items={[
          { key: 'home', content: <Link to="/">{shell.t('nav.plans')}</Link> },
          {
            key: 'plan',
            content: (
              <Link to="/plans/$planId" params={{ planId: plan.id }}>
                <PlanText>{plan.title}</PlanText>
              </Link>
            ),
          },
          { key: 'import', content: t('import.title') },
        ]}
      />
      <h1>{t('import.title')}</h1>
      <p className="lead">
        {fillNodes(t('import.lead'), {
          link: (
            <a href={workbookUrl(plan.id)} download>
              {t('import.leadLink')}
            </a>
          ),
        })}
      </p>
      {!canEdit && (
        <p className="notice" role="status">
          {t('import.adminOnly')}
        </p>
      )}
      <form className="form" onSubmit={onPreview} noValidate>
        <div className={`field${missingFile ? ' field--invalid' : ''}`}>
          <label htmlFor={fileId} className="field__label">
            {t('import.fileLabel')}
          </label>
          {missingFile && (
            <p id={`${fileId}-error`} className="field__error">
              <span aria-hidden="true">⚠ </span>
              {t('import.chooseFile')}
            </p>
          )}
          <input
            id={fileId}
            type="file"
            className="field__input"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              preview.reset();
              apply.reset();
            }}
            {...(missingFile && { 'aria-invalid': true, 'aria-describedby': `${fileId}-error` })}
          />
        </div>
        <button type="submit" className="button" disabled={preview.isPending || !canEdit}>
          {preview.isPending ? t('import.reading') : t('import.check')}
        </button>
      </form>

      <UploadProblems error={preview.error} />
      {preview.data && !apply.isSuccess && (
        <PreviewView
          actionLevel={plan.actionLevel}
          preview={preview.data}
          applying={apply.isPending}
          onApply={() => file && apply.mutate({ chosen: file, revision: preview.data.revision })}
        />
      )}
      <UploadProblems error={apply.error} />
      {apply.data && (
        <div className="notice notice--success" role="status">
          <p>
            {t('import.applied', {
              added: apply.data.diff.added.length,
              changed: apply.data.diff.changed.length,
              removed: apply.data.diff.removed.length,
            })}
          </p>
          <p>
            <Link to="/plans/$planId" params={{ planId: plan.id }}>
              {fillNodes(t('import.back'), { title: <PlanText>{plan.title}</PlanText> })}
            </Link>
          </p>
        </div>
      )}
    </>
  );
}

function UploadProblems({ error }: { error: unknown }) {
  const { t } = useAreaMessages(reportsMessages);
  if (!error) return null;
  const conflict = error instanceof ApiError && error.code === 'record.conflict';
  const message = conflict
    ? t('import.conflict')
    : error instanceof ApiError
      ? error.message
      : t('import.sendFailed');
  const issues = error instanceof ApiError ? error.issues : [];
  return (
    <div className="form-error workbook-problems" role="alert">
      <p>{message}</p>
      {issues.length > 0 && (
        <ul>
          {issues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>{issue.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function PreviewView({
  actionLevel,
  preview,
  applying,
  onApply,
}: {
  actionLevel: string;
  preview: WorkbookPreviewResponse;
  applying: boolean;
  onApply: () => void;
}) {
  const { t } = useAreaMessages(reportsMessages);
  const { added, changed, removed } = preview.diff;
  const empty = added.length + changed.length + removed.length === 0;
  return (
    <section className="section" aria-labelledby="workbook-preview" data-testid="workbook-preview">
      <h2 id="workbook-preview">{t('preview.heading')}</h2>
      {empty ? (
        <p className="notice" role="status">
          {t('preview.empty')}
        </p>
      ) : (
        <p role="status">
          {t('preview.counts', { added: added.length, changed: changed.length, removed: removed.length })}
        </p>
      )}
      {changed.length > 0 && <ChangeTable items={changed} actionLevel={actionLevel} />}
      {added.length > 0 && <ItemTable caption={t('preview.added')} items={added} actionLevel={actionLevel} />}
      {removed.length > 0 && (
        <ItemTable caption={t('preview.removed')} items={removed} actionLevel={actionLevel} />
      )}
      {!empty && (
        <p>
          <button type="button" className="button" onClick={onApply} disabled={applying}>
            {applying ? t('preview.applying') : t('preview.apply')}
          </button>
        </p>
      )}
    </section>
  );
}

const kindKeys: Record<DiffItem['kind'], ReportsMessageKey> = {
  plan: 'kind.plan',
  department: 'kind.department',
  node: 'kind.node',
  action: 'kind.action',
  task: 'kind.task',
  kpi: 'kind.kpi',
};

/** The kind of a changed item; an action goes by the plan's own name for it (アクション, 取組 …). */
function KindLabel({ kind, actionLevel }: { kind: DiffItem['kind']; actionLevel: string }) {
  const { t } = useAreaMessages(reportsMessages);
  return kind === 'action' ? <PlanText>{actionLevel}</PlanText> : t(kindKeys[kind]);
}

function ChangeTable({ items, actionLevel }: { items: DiffChange[]; actionLevel: string }) {
  const { t } = useAreaMessages(reportsMessages);
  return (
    <div className="table-scroll">
      <table className="data-table workbook-diff">
        <caption>{t('preview.changed')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('preview.colKind')}</th>
            <th scope="col">{t('preview.colItem')}</th>
            <th scope="col">{t('preview.colField')}</th>
            <th scope="col">{t('preview.colBefore')}</th>
            <th scope="col">{t('preview.colAfter')}</th>
          </tr>
        </thead>
        <tbody>
          {items.flatMap((item) =>
            item.changes.map((change) => (
              <tr key={`${item.kind}:${item.key}:${change.field}`}>
                <td>
                  <KindLabel kind={item.kind} actionLevel={actionLevel} />
                </td>
                <th scope="row">
                  <PlanText>{item.label}</PlanText>
                </th>
                <td>{fieldLabel(change.field, t)}</td>
                <td className="workbook-diff__value">
                  <DiffValue field={change.field} value={change.before} />
                </td>
                <td className="workbook-diff__value">
                  <DiffValue field={change.field} value={change.after} />
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}

function ItemTable({
  caption,
  items,
  actionLevel,
}: {
  caption: string;
  items: DiffItem[];
  actionLevel: string;
}) {
  const { t } = useAreaMessages(reportsMessages);
  return (
    <div className="table-scroll">
      <table className="data-table workbook-diff">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('preview.colKind')}</th>
            <th scope="col">{t('preview.colItem')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={`${item.kind}:${item.key}`}>
              <td>
                <KindLabel kind={item.kind} actionLevel={actionLevel} />
              </td>
              <th scope="row">
                <PlanText>{item.label}</PlanText>
              </th>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
