import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import {
  type ActionDirection,
  actionDirectionLabels,
  actionDirectionSchema,
} from '../../../domain/plan.schemas';
import type { ActionReportResponse } from '../../../server/reports/reports.schemas';
import { ApiError, sendJson } from '../../api';
import { FormError, fieldError, SelectField, TextAreaField } from '../../components/Form';
import { actionReportQuery } from './reports-api';

const directionOptions = [
  { value: '', label: '（未定）' },
  ...actionDirectionSchema.options.map((value) => ({ value, label: actionDirectionLabels[value] })),
];

const FIELDS = [
  { key: 'outcome', label: '成果', hint: '例：公式ホームページ アクセス数25%', rows: 2, max: 2000 },
  { key: 'workDone', label: 'やったこと', hint: '取り組んだこと（箇条書きは1行に1つ）', rows: 5, max: 4000 },
  { key: 'issuesAhead', label: '課題', hint: '残った課題と、次に活かすこと', rows: 4, max: 4000 },
] as const;

type TextKey = (typeof FIELDS)[number]['key'];

/**
 * 最終報告 on the action page (seed 001, 最終進捗率・達成率まとめ方): 成果, やったこと, 課題 and
 * 今後の方向性, written by the action's owner departments; everyone else reads them.
 */
export function ActionReportSection({ planId, actionKey }: { planId: string; actionKey: string }) {
  const query = useQuery(actionReportQuery(planId, actionKey));
  const [editing, setEditing] = useState(false);
  return (
    <section className="section" aria-labelledby="action-final-report" data-testid="action-final-report">
      <h2 id="action-final-report">最終報告の記入内容</h2>
      {query.isError && (
        <p className="notice" role="alert">
          最終報告の記入内容を読み込めませんでした。
        </p>
      )}
      {query.data && !editing && (
        <>
          <ReportView data={query.data} />
          {query.data.editable && (
            <p>
              <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
                最終報告を記入する
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
  const { report } = data;
  const rows = [
    ...FIELDS.map((field) => ({ label: field.label, value: report[field.key] })),
    { label: '今後の方向性', value: report.direction ? actionDirectionLabels[report.direction] : null },
  ];
  return (
    <table className="data-table key-value">
      <caption className="visually-hidden">最終報告の記入内容</caption>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label}>
            <th scope="row">{row.label}</th>
            <td className="preserve-lines">{row.value ?? <span className="muted">未記入</span>}</td>
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
  const queryClient = useQueryClient();
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
          label={field.label}
          hint={field.hint}
          rows={field.rows}
          maxLength={field.max}
          value={values[field.key]}
          onChange={(event) => setValues({ ...values, [field.key]: event.target.value })}
          error={fieldError(mutation.error, field.key)}
        />
      ))}
      <SelectField
        id="action-report-direction"
        label="今後の方向性"
        options={directionOptions}
        value={direction}
        onChange={(event) => setDirection(event.target.value as ActionDirection | '')}
        error={fieldError(mutation.error, 'direction')}
      />
      <div className="inline-actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          {mutation.isPending ? '保存しています…' : '保存する'}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          やめる
        </button>
      </div>
    </form>
  );
}
