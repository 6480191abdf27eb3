import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { formatFiscalYearIn } from '../../../domain/locale';
import type { BprProjectDetail, BprResultView, EffectOptions } from '../../../server/effects/effects.schemas';
import { sendJson } from '../../api';
import { useCan, useSession } from '../../auth/session';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { FormError } from '../../components/Form';
import { NoValue } from '../../components/RateValue';
import { ErrorState, Loading } from '../../components/StatusViews';
import { formatPageTitle } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { PlanText } from '../../i18n/PlanText';
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
  describeStatedCheck,
  formatHours,
  HiddenSubject,
  LinkedActions,
  PageName,
  PublishControl,
  StatedChecks,
  TableCsvLink,
  useEffectsText,
  useMunicipalityName,
} from './shared';

export function BprProjectPage({ municipalityId, projectId }: { municipalityId: string; projectId: string }) {
  const { t } = useEffectsText();
  const query = useQuery(bprProjectQuery(municipalityId, projectId));
  const options = useQuery(effectOptionsQuery(municipalityId));
  if (query.isError || options.isError) {
    return (
      <ErrorState error={query.error ?? options.error} subject="list" onRetry={() => void query.refetch()} />
    );
  }
  if (!query.data || !options.data) return <Loading label={t('bpr.loading')} />;
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
  const { t, locale } = useEffectsText();
  const municipalityName = useMunicipalityName(municipalityId);
  const pageName = t('common.pageName', { name: municipalityName });
  useDocumentTitle(formatPageTitle(project.title, pageName));
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
  const hours = (value: number) => formatHours({ hours: value, locale });
  const rate = totals.reductionRateShown === null ? <NoValue /> : `${totals.reductionRateShown.toFixed(1)}%`;

  return (
    <>
      <Breadcrumbs
        items={[
          { key: 'home', content: <Link to="/">{t('common.plans')}</Link> },
          {
            key: 'effects',
            content: (
              <Link to="/municipalities/$municipalityId/effects" params={{ municipalityId }}>
                <PageName name={municipalityName} />
              </Link>
            ),
          },
          { key: 'project', content: <PlanText>{project.title}</PlanText> },
        ]}
      />
      <p className="eyebrow">
        <PlanText>{municipalityName}</PlanText>{' '}
        {t('bpr.eyebrow', { fy: formatFiscalYearIn({ fy: project.fy, locale }) })}
      </p>
      <h1>
        <PlanText>{project.title}</PlanText>
      </h1>
      <dl className="meta-list">
        <div>
          <dt>{t('common.fy')}</dt>
          <dd>{formatFiscalYearIn({ fy: project.fy, locale })}</dd>
        </div>
        {project.source && (
          <div>
            <dt>{t('common.source')}</dt>
            <dd>
              <PlanText>{project.source}</PlanText>
            </dd>
          </div>
        )}
      </dl>
      {project.note && (
        <p className="preserve-lines">
          <PlanText>{project.note}</PlanText>
        </p>
      )}
      <div className="toolbar">
        <TableCsvLink
          href={tableCsvUrl({ municipalityId, tableKind: 'bpr', tableId: project.id })}
          label={t('common.csv')}
        />
        {canEditTable && (
          <button
            type="button"
            className="button button--secondary button--small"
            aria-expanded={editingHeader}
            onClick={() => setEditingHeader(!editingHeader)}
          >
            {t('bpr.editHeader')}
          </button>
        )}
        {canEditTable && (
          <button
            type="button"
            className="button button--danger button--small"
            disabled={archive.isPending}
            onClick={() => {
              if (window.confirm(t('common.confirmDelete', { name: project.title }))) archive.mutate();
            }}
          >
            {t('common.deleteTable')}
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

      <StatedChecks checks={totals.checks} rows={results} headingId="bpr-stated" />

      <section className="section" aria-labelledby="bpr-totals-heading">
        <h2 id="bpr-totals-heading">{t('bpr.totalsHeading')}</h2>
        <dl className="figure-cards" data-testid="bpr-totals">
          <div>
            <dt>{t('bpr.totalSaved')}</dt>
            <dd>
              {hours(totals.hoursSaved)}
              {totals.checks.some((check) => check.differs && check.unit === '時間') && (
                <DifferenceMarker label={t('bpr.totalSaved')} />
              )}
            </dd>
          </div>
          <div>
            <dt>{t('bpr.rate')}</dt>
            <dd>
              {rate}
              {totals.checks.some((check) => check.differs && check.unit === '%') && (
                <DifferenceMarker label={t('bpr.rate')} />
              )}
            </dd>
          </div>
          <div>
            <dt>{t('bpr.hoursBeforeMeasured')}</dt>
            <dd>{hours(totals.hoursBefore)}</dd>
          </div>
          <div>
            <dt>{t('bpr.processes')}</dt>
            <dd>
              {t('bpr.processCount', { count: totals.processCount })}
              <span className="cell-note">
                {t('bpr.measuredSplit', {
                  measured: totals.measuredCount,
                  unmeasured: totals.unmeasuredCount,
                })}
              </span>
            </dd>
          </div>
        </dl>
        <p className="cell-note">{t('bpr.formula')}</p>
      </section>

      <section className="section" aria-labelledby="bpr-results-heading">
        <h2 id="bpr-results-heading">{t('bpr.resultsHeading')}</h2>
        <div className="table-scroll">
          <table className="data-table bpr-table" data-testid="bpr-results">
            <caption className="visually-hidden">{t('bpr.resultsCaption', { title: project.title })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('bpr.number')}</th>
                <th scope="col">{t('bpr.process')}</th>
                <th scope="col">{t('bpr.department')}</th>
                <th scope="col" className="numeric">
                  {t('bpr.hoursBefore')}
                </th>
                <th scope="col" className="numeric">
                  {t('bpr.hoursAfter')}
                </th>
                <th scope="col" className="numeric">
                  {t('bpr.hoursSaved')}
                </th>
                <th scope="col" className="numeric">
                  {t('bpr.rate')}
                </th>
                <th scope="col">{t('common.linkedActions')}</th>
                <th scope="col">{t('common.manage')}</th>
              </tr>
            </thead>
            <tbody>
              {results.length === 0 && (
                <tr>
                  <td colSpan={9}>{t('bpr.empty')}</td>
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
                  {t('bpr.totalsHeading')}
                </th>
                <td className="numeric">{hours(totals.hoursBefore)}</td>
                <td className="numeric">{hours(totals.hoursAfter)}</td>
                <td className="numeric" data-testid="bpr-total-saved">
                  {hours(totals.hoursSaved)}
                </td>
                <td className="numeric">{rate}</td>
                <td colSpan={2} />
              </tr>
            </tfoot>
          </table>
        </div>
      </section>

      {editableDepartments !== undefined && (
        <section className="section" aria-labelledby="bpr-add-heading">
          <h2 id="bpr-add-heading">{t('bpr.addHeading')}</h2>
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
  const text = useEffectsText();
  const { t, locale } = text;
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
  const differing = row.checks.find((check) => check.differs);
  const hours = (value: number) => formatHours({ hours: value, locale });
  return (
    <>
      <tr data-testid={`bpr-row-${row.number ?? row.id}`}>
        <td>{row.number}</td>
        <th scope="row">
          <PlanText>{row.process}</PlanText>
          {row.note && (
            <span className="cell-note preserve-lines">
              <PlanText>{row.note}</PlanText>
            </span>
          )}
        </th>
        <td>
          <PlanText>{row.department.name}</PlanText>
        </td>
        <td className="numeric">{hours(row.hoursBefore)}</td>
        <td className="numeric">
          {row.hoursAfter === null ? <strong>{t('bpr.unmeasured')}</strong> : hours(row.hoursAfter)}
        </td>
        <td className="numeric">
          {row.hoursSaved === null ? <NoValue /> : hours(row.hoursSaved)}
          {differing && <DifferenceMarker label={describeStatedCheck({ check: differing, text })} />}
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
                {t('common.edit')}
                <HiddenSubject name={row.process} />
              </button>
              <button
                type="button"
                className="button button--small button--danger"
                disabled={archive.isPending}
                onClick={() => {
                  if (window.confirm(t('common.confirmDelete', { name: row.process }))) archive.mutate();
                }}
              >
                {t('common.delete')}
                <HiddenSubject name={row.process} />
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
