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
import { applyWorkbook, previewWorkbook, workbookUrl } from './reports-api';

type DiffItem = PlanDiffView['added'][number];
type DiffChange = PlanDiffView['changed'][number];

const KIND_LABELS: Record<DiffItem['kind'], string> = {
  plan: '計画',
  department: '課',
  node: '階層',
  action: 'アクション',
  task: '年度タスク',
  kpi: '指標',
};

const FIELD_LABELS: Record<string, string> = {
  municipalityCode: '全国地方公共団体コード',
  municipalityName: '自治体名',
  prefecture: '都道府県',
  title: '名称',
  period: '計画期間',
  levels: '階層の名前',
  actionLevel: '評価する単位の名前',
  name: '名称',
  parent: '上位',
  number: '番号',
  description: '説明',
  aim: '目指すこと',
  approach: 'やること',
  target: '目標(値)',
  owners: '担い手',
  status: '状態',
  assessment: '総括評価',
  report: '最終報告',
  fy: '年度',
  department: '担当課',
  planText: '計画',
  progress: '実施/予定(%)',
  expected: '実施・予定の別',
  weight: '重み',
  unit: '単位',
  direction: '増減',
  basis: '算定基準',
  baseline: '基準値',
  actuals: '実績値',
};

function formatValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '（なし）';
  if (typeof value === 'boolean') return value ? 'はい' : 'いいえ';
  if (typeof value === 'number') return field === 'progress' ? `${value}%` : String(value);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** The DX office brings a filled-in workbook back: every problem at once, then a preview, then apply. */
export function WorkbookImportPage({ planId }: { planId: string }) {
  const plan = useQuery(planQuery(planId));
  if (plan.isError)
    return <ErrorState error={plan.error} subject="plan" onRetry={() => void plan.refetch()} />;
  if (!plan.data) return <Loading label="計画を読み込んでいます…" />;
  return <WorkbookImport plan={plan.data.plan} />;
}

function WorkbookImport({
  plan,
}: {
  plan: { id: string; title: string; actionLevel: string; municipality: { id: string } };
}) {
  useDocumentTitle(formatPageTitle('入力用シートの取り込み', plan.title));
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
          { key: 'home', content: <Link to="/">計画一覧</Link> },
          {
            key: 'plan',
            content: (
              <Link to="/plans/$planId" params={{ planId: plan.id }}>
                {plan.title}
              </Link>
            ),
          },
          { key: 'import', content: '入力用シートの取り込み' },
        ]}
      />
      <h1>入力用シートの取り込み</h1>
      <p className="lead">
        <a href={workbookUrl(plan.id)} download>
          この計画の入力用シート
        </a>
        に記入したファイルを選んでください。誤りがあればすべての箇所（シート・行・列）をお知らせし、何も取り込みません。反映する前に変更点を確認できます。
      </p>
      {!canEdit && (
        <p className="notice" role="status">
          取り込みは管理者（DX推進担当課）だけが行えます。
        </p>
      )}
      <form className="form" onSubmit={onPreview} noValidate>
        <div className={`field${missingFile ? ' field--invalid' : ''}`}>
          <label htmlFor={fileId} className="field__label">
            入力用シート（.xlsx、10 MB まで）
          </label>
          {missingFile && (
            <p id={`${fileId}-error`} className="field__error">
              <span aria-hidden="true">⚠ </span>ファイルを選んでください
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
          {preview.isPending ? '読み込んでいます…' : '変更点を確認する'}
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
            計画に反映しました（追加 {apply.data.diff.added.length}件・変更 {apply.data.diff.changed.length}
            件・削除 {apply.data.diff.removed.length}件）。
          </p>
          <p>
            <Link to="/plans/$planId" params={{ planId: plan.id }}>
              「{plan.title}」へ戻る
            </Link>
          </p>
        </div>
      )}
    </>
  );
}

function UploadProblems({ error }: { error: unknown }) {
  if (!error) return null;
  const conflict = error instanceof ApiError && error.code === 'record.conflict';
  const message = conflict
    ? '確認した後に、ほかの人が計画を変更しました。何も反映していません。もう一度「変更点を確認する」からやり直してください。'
    : error instanceof ApiError
      ? error.message
      : '送信できませんでした。時間をおいてもう一度お試しください。';
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
  const { added, changed, removed } = preview.diff;
  const empty = added.length + changed.length + removed.length === 0;
  return (
    <section className="section" aria-labelledby="workbook-preview" data-testid="workbook-preview">
      <h2 id="workbook-preview">反映すると変わる内容</h2>
      {empty ? (
        <p className="notice" role="status">
          変更はありません。このファイルの内容は、いまの計画と同じです。
        </p>
      ) : (
        <p role="status">
          追加 {added.length}件・変更 {changed.length}件・削除 {removed.length}件
        </p>
      )}
      {changed.length > 0 && <ChangeTable items={changed} actionLevel={actionLevel} />}
      {added.length > 0 && <ItemTable caption="追加されるもの" items={added} actionLevel={actionLevel} />}
      {removed.length > 0 && (
        <ItemTable caption="削除されるもの（履歴には残ります）" items={removed} actionLevel={actionLevel} />
      )}
      {!empty && (
        <p>
          <button type="button" className="button" onClick={onApply} disabled={applying}>
            {applying ? '反映しています…' : 'この内容で反映する'}
          </button>
        </p>
      )}
    </section>
  );
}

function kindLabel(kind: DiffItem['kind'], actionLevel: string): string {
  return kind === 'action' ? actionLevel : KIND_LABELS[kind];
}

function ChangeTable({ items, actionLevel }: { items: DiffChange[]; actionLevel: string }) {
  return (
    <div className="table-scroll">
      <table className="data-table workbook-diff">
        <caption>変更されるもの</caption>
        <thead>
          <tr>
            <th scope="col">種類</th>
            <th scope="col">対象</th>
            <th scope="col">項目</th>
            <th scope="col">変更前</th>
            <th scope="col">変更後</th>
          </tr>
        </thead>
        <tbody>
          {items.flatMap((item) =>
            item.changes.map((change) => (
              <tr key={`${item.kind}:${item.key}:${change.field}`}>
                <td>{kindLabel(item.kind, actionLevel)}</td>
                <th scope="row">{item.label}</th>
                <td>{FIELD_LABELS[change.field] ?? change.field}</td>
                <td className="workbook-diff__value">{formatValue(change.field, change.before)}</td>
                <td className="workbook-diff__value">{formatValue(change.field, change.after)}</td>
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
  return (
    <div className="table-scroll">
      <table className="data-table workbook-diff">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">種類</th>
            <th scope="col">対象</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={`${item.kind}:${item.key}`}>
              <td>{kindLabel(item.kind, actionLevel)}</td>
              <th scope="row">{item.label}</th>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
