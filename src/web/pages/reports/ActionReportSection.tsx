import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type ActionDirection, actionDirectionSchema } from '../../../domain/plan.schemas';
import type { ActionReportResponse } from '../../../server/reports/reports.schemas';
import { ApiError, sendJson } from '../../api';
import { FormError, fieldError, SelectField, TextAreaField } from '../../components/Form';
import { useAreaMessages } from '../../i18n/i18n';
import { PlanText } from '../../i18n/PlanText';
import { type ReportsMessageKey, reportsMessages } from './reports.messages';
import { actionReportQuery } from './reports-api';

const directionKeys: Record<ActionDirection, ReportsMessageKey> = {
  continue: 'direction.continue',
  complete: 'direction.complete',
  extend: 'direction.extend',
  merge: 'direction.merge',
  abolish: 'direction.abolish',
};

type TextKey = 'outcome' | 'workDone' | 'issuesAhead';

const FIELDS = [
  {
    key: 'outcome',
    label: 'actionReport.outcome',
    hint: 'actionReport.outcomeHint',
    rows: 2,
    max: 2000,
  },
  {
    key: 'workDone',
    label: 'actionReport.workDone',
    hint: 'actionReport.workDoneHint',
    rows: 5,
    max: 4000,
  },
  {
    key: 'issuesAhead',
    label: 'actionReport.issuesAhead',
    hint: 'actionReport.issuesAheadHint',
    rows: 4,
    max: 4000,
  },
] as const satisfies readonly {
  key: TextKey;
  label: ReportsMessageKey;
  hint: ReportsMessageKey;
  rows: number;
  max: number;
}[];

/**
 * 最終報告 on the action page (seed 001, 最終進捗率・達成率まとめ方): 成果, やったこと, 課題 and
 * 今後の方向性, written by the action's owner departments; everyone else reads them.
 */
export function ActionReportSection({ planId, actionKey }: { planId: string; actionKey: string }) {
  const { t } = useAreaMessages(reportsMessages);
  const query = useQuery(actionReportQuery(planId, actionKey));
  const [editing, setEditing] = useState(false);
  return (
    <section className="section" aria-labelledby="action-final-report" data-testid="action-final-report">
      <h2 id="action-final-report">{t('actionReport.heading')}</h2>
      {query.isError && (
        <p className="notice" role="alert">
          {t('actionReport.loadFailed')}
        </p>
      )}
      {query.data && !editing && (
        <>
          <ReportView data={query.data} />
          {query.data.editable && (
            <p>
              <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
                {t('actionReport.edit')}
              </button>
            </p>
          )}
        </>
      )}
      {query.data && editing && (
        <ReportForm
          planId={planId}
          actionKey={actionKey}
          data={query.data}
          onDone={() => setEditing(false)}
        />
      )}
    </section>
  );
}

function ReportView({ data }: { data: ActionReportResponse }) {
  const { t } = useAreaMessages(reportsMessages);
  const { report } = data;
  const rows = [
    ...FIELDS.map((field) => ({
      key: field.key,
      label: t(field.label),
      value: report[field.key] && <PlanText>{report[field.key]}</PlanText>,
    })),
    {
      key: 'direction',
      label: t('actionReport.direction'),
      value: report.direction ? t(directionKeys[report.direction]) : null,
    },
  ];
  return (
    <table className="data-table key-value">
      <caption className="visually-hidden">{t('actionReport.heading')}</caption>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            <td className="preserve-lines">
              {row.value || <span className="muted">{t('actionReport.notWritten')}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ReportForm({
  planId,
  actionKey,
  data,
  onDone,
}: {
  planId: string;
  actionKey: string;
  data: ActionReportResponse;
  onDone: () => void;
}) {
  const { t } = useAreaMessages(reportsMessages);
  const queryClient = useQueryClient();
  const directionOptions = [
    { value: '', label: t('direction.none') },
    ...actionDirectionSchema.options.map((value) => ({ value, label: t(directionKeys[value]) })),
  ];
  const [values, setValues] = useState<Record<TextKey, string>>({
    outcome: data.report.outcome ?? '',
    workDone: data.report.workDone ?? '',
    issuesAhead: data.report.issuesAhead ?? '',
  });
  const [direction, setDirection] = useState<ActionDirection | ''>(data.report.direction ?? '');
  const mutation = useMutation({
    mutationFn: () =>
      sendJson<ActionReportResponse>(
        'PATCH',
        `/api/plans/${encodeURIComponent(planId)}/actions/${encodeURIComponent(actionKey)}/report`,
        { version: data.version, ...values, direction: direction === '' ? null : direction },
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(actionReportQuery(planId, actionKey).queryKey, saved);
      void queryClient.invalidateQueries({ queryKey: ['plans', planId] });
      onDone();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'record.conflict') {
        void queryClient.invalidateQueries({ queryKey: actionReportQuery(planId, actionKey).queryKey });
      }
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };
  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <FormError error={mutation.error} />
      {FIELDS.map((field) => (
        <TextAreaField
          key={field.key}
          id={`action-report-${field.key}`}
          label={t(field.label)}
          hint={t(field.hint)}
          rows={field.rows}
          maxLength={field.max}
          value={values[field.key]}
          onChange={(event) => setValues({ ...values, [field.key]: event.target.value })}
          error={fieldError(mutation.error, field.key)}
        />
      ))}
      <SelectField
        id="action-report-direction"
        label={t('actionReport.direction')}
        options={directionOptions}
        value={direction}
        onChange={(event) => setDirection(event.target.value as ActionDirection | '')}
        error={fieldError(mutation.error, 'direction')}
      />
      <div className="inline-actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          {mutation.isPending ? t('actionReport.saving') : t('actionReport.save')}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('actionReport.cancel')}
        </button>
      </div>
    </form>
  );
}
