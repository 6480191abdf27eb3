import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { formatFiscalYear } from '../../../domain/fiscal-year';
import type { BprProjectDetail, BprResultView, EffectOptions } from '../../../server/effects/effects.schemas';
import { sendJson } from '../../api';
import { useCan, useSession } from '../../auth/session';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { FormError } from '../../components/Form';
import { NoValue } from '../../components/RateValue';
import { ErrorState, Loading } from '../../components/StatusViews';
import { formatPageTitle } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { BprProjectForm, BprResultForm } from './BprForms';
import {
  bprProjectQuery,
  effectOptionsQuery,
  effectsKey,
  municipalityPath,
  tableCsvUrl,
} from './effects.api';
import { KpiSourceSection } from './KpiSourceSection';
import {
  DifferenceMarker,
  formatHours,
  LinkedActions,
  PublishControl,
  StatedChecks,
  TableCsvLink,
  useMunicipalityName,
} from './shared';

export function BprProjectPage({ municipalityId, projectId }: { municipalityId: string; projectId: string }) {
  const query = useQuery(bprProjectQuery(municipalityId, projectId));
  const options = useQuery(effectOptionsQuery(municipalityId));
  if (query.isError || options.isError) {
    return (
      <ErrorState error={query.error ?? options.error} subject="list" onRetry={() => void query.refetch()} />
    );
  }
  if (!query.data || !options.data) return <Loading label="BPRの実証結果を読み込んでいます…" />;
  return <BprProjectView municipalityId={municipalityId} detail={query.data} options={options.data} />;
}

/** The departments the signed-in user may enter BPR rows for; null: every department. */
function useEditableDepartments(municipalityId: string): string[] | null | undefined {
  const session = useSession();
  const membership = session?.memberships.find((entry) => entry.municipality.id === municipalityId);
  const ability = membership?.abilities.find((entry) => entry.permission === 'effects.edit');
  if (!ability) return undefined;
  return ability.departmentIds;
}

function BprProjectView({
  municipalityId,
  detail,
  options,
}: {
  municipalityId: string;
  detail: BprProjectDetail;
  options: EffectOptions;
}) {
  const { project, results, totals } = detail;
  const municipalityName = useMunicipalityName(municipalityId);
  useDocumentTitle(formatPageTitle(project.title, `${municipalityName} 効果・予算`));
  const canEditTable = useCan('effects.edit', { municipalityId, departmentIds: [] });
  const editableDepartments = useEditableDepartments(municipalityId);
  const [editingHeader, setEditingHeader] = useState(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const archive = useMutation({
    mutationFn: () =>
      sendJson(
        'POST',
        `${municipalityPath(municipalityId)}/bpr-projects/${encodeURIComponent(project.id)}/archive`,
        {
          version: project.version,
        },
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: effectsKey(municipalityId) });
      void navigate({ to: '/municipalities/$municipalityId/effects', params: { municipalityId } });
    },
  });
  const rowChecks = results.flatMap((row) =>
    row.checks.map((check) => ({
      ...check,
      message: check.message ? `No.${row.number ?? ''}「${row.process}」: ${check.message}` : null,
    })),
  );

  return (
    <>
      <Breadcrumbs
        items={[
          { key: 'home', content: <Link to="/">計画一覧</Link> },
          {
            key: 'effects',
            content: (
              <Link to="/municipalities/$municipalityId/effects" params={{ municipalityId }}>
                {municipalityName} 効果・予算
              </Link>
            ),
          },
          { key: 'project', content: project.title },
        ]}
      />
      <p className="eyebrow">
        {municipalityName} BPR実証結果 {formatFiscalYear(project.fy)}
      </p>
      <h1>{project.title}</h1>
      <dl className="meta-list">
        <div>
          <dt>年度</dt>
          <dd>{formatFiscalYear(project.fy)}</dd>
        </div>
        {project.source && (
          <div>
            <dt>出典</dt>
            <dd>{project.source}</dd>
          </div>
        )}
      </dl>
      {project.note && <p className="preserve-lines">{project.note}</p>}
      <div className="toolbar">
        <TableCsvLink
          href={tableCsvUrl({ municipalityId, tableKind: 'bpr', tableId: project.id })}
          label="この表"
        />
        {canEditTable && (
          <button
            type="button"
            className="button button--secondary button--small"
            aria-expanded={editingHeader}
            onClick={() => setEditingHeader(!editingHeader)}
          >
            表題・資料記載の合計を編集
          </button>
        )}
        {canEditTable && (
          <button
            type="button"
            className="button button--danger button--small"
            disabled={archive.isPending}
            onClick={() => {
              if (window.confirm(`「${project.title}」を削除します。よろしいですか？（変更履歴は残ります）`))
                archive.mutate();
            }}
          >
            この表を削除
          </button>
        )}
      </div>
      <FormError error={archive.error} />
      {editingHeader && (
        <BprProjectForm
          municipalityId={municipalityId}
          project={project}
          onDone={() => setEditingHeader(false)}
        />
      )}
      <PublishControl
        municipalityId={municipalityId}
        tableKind="bpr"
        tableId={project.id}
        title={project.title}
        published={project.published}
        version={project.version}
      />

      <StatedChecks checks={[...totals.checks, ...rowChecks]} headingId="bpr-stated" />

      <section className="section" aria-labelledby="bpr-totals-heading">
        <h2 id="bpr-totals-heading">合計（未測定を除く）</h2>
        <dl className="figure-cards" data-testid="bpr-totals">
          <div>
            <dt>削減時間の合計</dt>
            <dd>
              {formatHours(totals.hoursSaved)}
              {totals.checks.some((check) => check.differs && check.unit === '時間') && (
                <DifferenceMarker label="削減時間の合計" />
              )}
            </dd>
          </div>
          <div>
            <dt>削減率</dt>
            <dd>
              {totals.reductionRateShown === null ? <NoValue /> : `${totals.reductionRateShown.toFixed(1)}%`}
              {totals.checks.some((check) => check.differs && check.unit === '%') && (
                <DifferenceMarker label="削減率" />
              )}
            </dd>
          </div>
          <div>
            <dt>対応前の時間（測定済みの業務）</dt>
            <dd>{formatHours(totals.hoursBefore)}</dd>
          </div>
          <div>
            <dt>対象業務</dt>
            <dd>
              {totals.processCount}業務
              <span className="cell-note">
                うち測定済み {totals.measuredCount}・未測定 {totals.unmeasuredCount}
              </span>
            </dd>
          </div>
        </dl>
        <p className="cell-note">
          削減率 ＝ 削減時間の合計 ÷ 対応前の時間の合計（どちらも未測定の業務を除く）
        </p>
      </section>

      <section className="section" aria-labelledby="bpr-results-heading">
        <h2 id="bpr-results-heading">対象業務ごとの結果</h2>
        <div className="table-scroll">
          <table className="data-table bpr-table" data-testid="bpr-results">
            <caption className="visually-hidden">{project.title}の対象業務ごとの結果</caption>
            <thead>
              <tr>
                <th scope="col">No</th>
                <th scope="col">対象業務名</th>
                <th scope="col">対象部門</th>
                <th scope="col" className="numeric">
                  対応前（時間）
                </th>
                <th scope="col" className="numeric">
                  対応後（時間）
                </th>
                <th scope="col" className="numeric">
                  削減時間
                </th>
                <th scope="col" className="numeric">
                  削減率
                </th>
                <th scope="col">連携アクション</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {results.length === 0 && (
                <tr>
                  <td colSpan={9}>対象業務はまだ登録されていません。</td>
                </tr>
              )}
              {results.map((row) => (
                <BprResultRow
                  key={row.id}
                  municipalityId={municipalityId}
                  projectId={project.id}
                  row={row}
                  options={options}
                  editableDepartments={editableDepartments}
                />
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td />
                <th scope="row" colSpan={2}>
                  合計（未測定を除く）
                </th>
                <td className="numeric">{formatHours(totals.hoursBefore)}</td>
                <td className="numeric">{formatHours(totals.hoursAfter)}</td>
                <td className="numeric" data-testid="bpr-total-saved">
                  {formatHours(totals.hoursSaved)}
                </td>
                <td className="numeric">
                  {totals.reductionRateShown === null ? (
                    <NoValue />
                  ) : (
                    `${totals.reductionRateShown.toFixed(1)}%`
                  )}
                </td>
                <td colSpan={2} />
              </tr>
            </tfoot>
          </table>
        </div>
      </section>

      {editableDepartments !== undefined && (
        <section className="section" aria-labelledby="bpr-add-heading">
          <h2 id="bpr-add-heading">対象業務を追加する</h2>
          <BprResultForm
            municipalityId={municipalityId}
            projectId={project.id}
            options={options}
            departmentIds={editableDepartments}
            onDone={() => undefined}
          />
        </section>
      )}

      <KpiSourceSection
        municipalityId={municipalityId}
        source={{ kind: 'bpr_project', id: project.id }}
        kpiLinks={detail.kpiLinks}
        options={options}
      />
    </>
  );
}

function BprResultRow({
  municipalityId,
  projectId,
  row,
  options,
  editableDepartments,
}: {
  municipalityId: string;
  projectId: string;
  row: BprResultView;
  options: EffectOptions;
  editableDepartments: string[] | null | undefined;
}) {
  const [editing, setEditing] = useState(false);
  const canEdit = useCan('effects.edit', { municipalityId, departmentIds: [row.department.id] });
  const queryClient = useQueryClient();
  const archive = useMutation({
    mutationFn: () =>
      sendJson<BprProjectDetail>(
        'POST',
        `${municipalityPath(municipalityId)}/bpr-projects/${encodeURIComponent(projectId)}/results/${encodeURIComponent(row.id)}/archive`,
        { version: row.version },
      ),
    onSuccess: (detail) => {
      queryClient.setQueryData([...effectsKey(municipalityId), 'bpr', projectId], detail);
      void queryClient.invalidateQueries({ queryKey: effectsKey(municipalityId) });
      void queryClient.invalidateQueries({ queryKey: ['plans'] });
    },
  });
  const differs = row.checks.some((check) => check.differs);
  return (
    <>
      <tr data-testid={`bpr-row-${row.number ?? row.id}`}>
        <td>{row.number}</td>
        <th scope="row">
          {row.process}
          {row.note && <span className="cell-note preserve-lines">{row.note}</span>}
        </th>
        <td>{row.department.name}</td>
        <td className="numeric">{formatHours(row.hoursBefore)}</td>
        <td className="numeric">
          {row.hoursAfter === null ? <strong>未測定</strong> : formatHours(row.hoursAfter)}
        </td>
        <td className="numeric">
          {row.hoursSaved === null ? <NoValue /> : formatHours(row.hoursSaved)}
          {differs && <DifferenceMarker label={row.checks.find((check) => check.differs)?.message ?? ''} />}
        </td>
        <td className="numeric">
          {row.reductionRateShown === null ? <NoValue /> : `${row.reductionRateShown.toFixed(1)}%`}
        </td>
        <td>
          <LinkedActions actions={row.actions} />
        </td>
        <td>
          {canEdit && (
            <div className="inline-actions">
              <button
                type="button"
                className="button button--small button--secondary"
                aria-expanded={editing}
                onClick={() => setEditing(!editing)}
              >
                編集<span className="visually-hidden">（{row.process}）</span>
              </button>
              <button
                type="button"
                className="button button--small button--danger"
                disabled={archive.isPending}
                onClick={() => {
                  if (
                    window.confirm(`「${row.process}」を削除します。よろしいですか？（変更履歴は残ります）`)
                  )
                    archive.mutate();
                }}
              >
                削除<span className="visually-hidden">（{row.process}）</span>
              </button>
            </div>
          )}
          <FormError error={archive.error} />
        </td>
      </tr>
      {editing && (
        <tr>
          <td colSpan={9}>
            <BprResultForm
              municipalityId={municipalityId}
              projectId={projectId}
              result={row}
              options={options}
              departmentIds={editableDepartments ?? []}
              onDone={() => setEditing(false)}
            />
          </td>
        </tr>
      )}
    </>
  );
}
