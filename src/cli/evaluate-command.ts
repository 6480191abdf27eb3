import { readFile } from 'node:fs/promises';
import type { RateResult } from '../domain/evaluation/index.js';
import { evaluatePlan, formatRate, RATE_BASIS_LABELS } from '../domain/evaluation/index.js';
import { parsePlanDocumentText } from '../domain/plan-document.js';
import { listActions } from '../domain/plan-tree.js';
import { renderTextTable } from './text-table.js';

export interface EvaluatedActionRow {
  number: string;
  title: string;
  kpiRate: number | null;
  taskRate: number | null;
  assessmentRate: number | null;
  basis: 'kpi' | 'assessment' | 'tasks' | null;
  rate: number | null;
  label: string;
  projection: boolean;
  hypothetical: boolean;
  explanation: string | null;
  flags: string[];
}

/** Reads a plan file and evaluates every action, in the plan's reading order. */
export async function evaluatePlanFile(path: string): Promise<{ title: string; rows: EvaluatedActionRow[] }> {
  const document = parsePlanDocumentText(await readFile(path, 'utf8'));
  const evaluation = evaluatePlan(document.plan);
  const rows = listActions(document.plan).map(({ action }): EvaluatedActionRow => {
    const result = evaluation.actions.get(action.key)!;
    return {
      number: action.number,
      title: action.title,
      kpiRate: result.kpi.result?.shown ?? null,
      taskRate: result.tasks.result?.shown ?? null,
      assessmentRate: result.assessment.result?.shown ?? null,
      basis: result.basis,
      rate: result.result?.shown ?? null,
      label: result.rating.label,
      projection: result.result?.projection ?? false,
      hypothetical: result.result?.hypothetical ?? false,
      explanation: result.result?.explanation ?? null,
      flags: result.flags.map((flag) => flag.message),
    };
  });
  return { title: document.plan.title, rows };
}

function rateCell(result: number | null, marks?: Pick<RateResult, 'projection' | 'hypothetical'>): string {
  if (result === null) return '—';
  const suffix = (marks?.projection ? ' 見込み' : '') + (marks?.hypothetical ? ' 仮定値' : '');
  return formatRate(result).replace(' %', '%') + suffix;
}

export function renderEvaluationTable(title: string, rows: EvaluatedActionRow[]): string {
  const table = renderTextTable(
    [
      { header: '番号', align: 'right' },
      { header: 'アクション' },
      { header: '目標(値)', align: 'right' },
      { header: 'タスク平均', align: 'right' },
      { header: '総括評価', align: 'right' },
      { header: '評価根拠' },
      { header: '達成率', align: 'right' },
      { header: '評価' },
    ],
    rows.map((row) => [
      row.number,
      row.title,
      rateCell(row.kpiRate),
      rateCell(row.taskRate),
      rateCell(row.assessmentRate),
      row.basis ? RATE_BASIS_LABELS[row.basis] : '—',
      rateCell(row.rate, row),
      row.label,
    ]),
  );
  const flagged = rows.filter((row) => row.flags.length > 0);
  const notes = flagged.flatMap((row) => row.flags.map((flag) => `  ${row.number}: ${flag}`));
  return [title, '', table, ...(notes.length > 0 ? ['', '確認事項:', ...notes] : [])].join('\n');
}
