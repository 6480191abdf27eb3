import type { PlanEvaluation } from '../../domain/evaluation/index.js';
import { fiscalYearEnd, fiscalYearStart, formatFiscalYear } from '../../domain/fiscal-year.js';
import type { Action, Kpi, PlanDocument, PlanNode } from '../../domain/plan.schemas.js';
import { BASIS_LABELS } from './reports.models.js';

/*
 * The plan as StratML Part 2 (ISO 17469-1, performance plans and reports; schema of 2016-02-16): the one
 * international standard for strategic plans, so that a plan can be read by tools that know nothing of
 * Kiseki. Pillars are Goals, the evaluated actions their Objectives, each KPI a PerformanceIndicator with
 * its target and actuals, and the action's rating an indicator whose ActualResult carries the label as a
 * Descriptor. Elements appear in the order the schema's sequences define.
 */

export const STRATML_NAMESPACE = 'urn:ISO:std:iso:17469:tech:xsd:PerformancePlanOrReport';

interface XmlElement {
  name: string;
  attributes?: Record<string, string>;
  children?: (XmlElement | null)[];
  text?: string;
}

/** XML 1.0 cannot carry control characters other than tab and line breaks (they come in pasted text). */
function isXmlCharacter(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function escapeXml(text: string): string {
  return Array.from(text)
    .filter(isXmlCharacter)
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function renderElement(element: XmlElement, depth: number): string {
  const indent = '  '.repeat(depth);
  const attributes = Object.entries(element.attributes ?? {})
    .map(([name, value]) => ` ${name}="${escapeXml(value)}"`)
    .join('');
  const children = (element.children ?? []).filter((child): child is XmlElement => child !== null);
  if (children.length === 0) {
    return element.text === undefined
      ? `${indent}<${element.name}${attributes}/>`
      : `${indent}<${element.name}${attributes}>${escapeXml(element.text)}</${element.name}>`;
  }
  return [
    `${indent}<${element.name}${attributes}>`,
    ...children.map((child) => renderElement(child, depth + 1)),
    `${indent}</${element.name}>`,
  ].join('\n');
}

function text(name: string, value: string | number | undefined | null): XmlElement | null {
  if (value === undefined || value === null || value === '') return null;
  return { name, text: String(value) };
}

/** xsd:ID values must be NCNames: a letter first, no colon. Plan keys are [A-Za-z0-9_-], so a prefix does. */
function identifier(prefix: string, ...keys: string[]): XmlElement {
  return { name: 'Identifier', text: [prefix, ...keys].join('-') };
}

function stakeholder(name: string): XmlElement {
  return {
    name: 'Stakeholder',
    children: [
      text('Name', name),
      { name: 'Role', children: [text('Name', '担い手'), text('RoleType', 'Performer')] },
    ],
  };
}

function result(
  name: 'TargetResult' | 'ActualResult',
  {
    description,
    units,
    descriptor,
    startDate,
    endDate,
  }: {
    description: string;
    units?: number | undefined;
    descriptor?: { name: string; value: string } | undefined;
    startDate?: string | undefined;
    endDate?: string | undefined;
  },
): XmlElement {
  return {
    name,
    children: [
      text('Description', description),
      text('NumberOfUnits', units),
      descriptor
        ? {
            name: 'Descriptor',
            children: [text('DescriptorName', descriptor.name), text('DescriptorValue', descriptor.value)],
          }
        : null,
      text('StartDate', startDate),
      text('EndDate', endDate),
    ],
  };
}

function kpiIndicator(action: Action, kpi: Kpi, document: PlanDocument): XmlElement {
  const start = kpi.baseline?.date ?? fiscalYearStart(document.plan.period.startFy);
  const target = result('TargetResult', {
    description: `目標値（${formatFiscalYear(kpi.target.fy)}末）`,
    units: kpi.target.value,
    startDate: start,
    endDate: fiscalYearEnd(kpi.target.fy),
  });
  const instances: XmlElement[] =
    kpi.actuals.length === 0
      ? [{ name: 'MeasurementInstance', children: [target] }]
      : kpi.actuals.map((actual) => ({
          name: 'MeasurementInstance',
          children: [
            target,
            result('ActualResult', {
              description: `実績値${actual.hypothetical ? '（仮定値）' : ''}${actual.note ? `：${actual.note}` : ''}`,
              units: actual.value,
              startDate: start,
              endDate: actual.date,
            }),
          ],
        }));
  return {
    name: 'PerformanceIndicator',
    attributes: { PerformanceIndicatorType: 'Quantitative', ValueChainStage: 'Outcome' },
    children: [
      text('MeasurementDimension', kpi.name),
      text('UnitOfMeasurement', kpi.unit || '数'),
      identifier('indicator', action.key, kpi.key),
      ...instances,
      text(
        'OtherInformation',
        kpi.baseline
          ? `基準値 ${kpi.baseline.value}${kpi.unit}${kpi.baseline.label ? `（${kpi.baseline.label}）` : ''}`
          : undefined,
      ),
    ],
  };
}

function ratingIndicator(action: Action, evaluation: PlanEvaluation, document: PlanDocument): XmlElement {
  const actionEvaluation = evaluation.actions.get(action.key);
  const rating = actionEvaluation?.rating.label ?? '未評価';
  const shown = actionEvaluation?.result?.shown;
  const start = fiscalYearStart(document.plan.period.startFy);
  const end = fiscalYearEnd(document.plan.period.endFy);
  return {
    name: 'PerformanceIndicator',
    attributes: { PerformanceIndicatorType: 'Qualitative', ValueChainStage: 'Outcome' },
    children: [
      text('MeasurementDimension', '目標達成率'),
      text('UnitOfMeasurement', '%'),
      identifier('rating', action.key),
      {
        name: 'MeasurementInstance',
        children: [
          result('TargetResult', {
            description: '目標(値)の達成',
            units: 100,
            startDate: start,
            endDate: end,
          }),
          result('ActualResult', {
            description: actionEvaluation?.basis
              ? `${BASIS_LABELS[actionEvaluation.basis]}による評価`
              : '評価に使える数値がまだありません',
            units: shown,
            descriptor: { name: '評価区分', value: rating },
            startDate: start,
            endDate: end,
          }),
        ],
      },
      text('OtherInformation', actionEvaluation?.basisReason),
    ],
  };
}

function objective(
  action: Action,
  measure: string | null,
  document: PlanDocument,
  evaluation: PlanEvaluation,
): XmlElement {
  const departments = new Map(document.departments.map((department) => [department.key, department.name]));
  const description = [
    action.aim && `目指すこと：${action.aim}`,
    action.approach && `やること：${action.approach}`,
    action.target && `目標(値)：${action.target}`,
  ]
    .filter(Boolean)
    .join('\n');
  return {
    name: 'Objective',
    children: [
      text('Name', action.title),
      text('Description', description || action.title),
      identifier('objective', action.key),
      text('SequenceIndicator', action.number),
      ...action.owners.map((owner) => stakeholder(departments.get(owner) ?? owner)),
      text('OtherInformation', measure ? `${document.plan.levels[1] ?? '施策'}：${measure}` : undefined),
      ...action.kpis.map((kpi) => kpiIndicator(action, kpi, document)),
      ratingIndicator(action, evaluation, document),
    ],
  };
}

function collectActions(node: PlanNode): { action: Action; measure: string | null }[] {
  const found: { action: Action; measure: string | null }[] = node.actions.map((action) => ({
    action,
    measure: null,
  }));
  const visit = (child: PlanNode) => {
    const name = child.number ? `${child.number} ${child.title}` : child.title;
    for (const action of child.actions) found.push({ action, measure: name });
    for (const grandchild of child.children) visit(grandchild);
  };
  for (const child of node.children) visit(child);
  return found;
}

/**
 * The plan and its evaluation as a StratML Part 2 performance report (Type="Performance_Report").
 * `today` (YYYY-MM-DD) is its publication date.
 */
export function buildStratmlReport({
  document,
  evaluation,
  today,
}: {
  document: PlanDocument;
  evaluation: PlanEvaluation;
  today: string;
}): string {
  const { plan, municipality } = document;
  const goals: XmlElement[] = plan.nodes.map((node, index) => ({
    name: 'Goal',
    children: [
      text('Name', node.title),
      text('Description', node.description ?? node.title),
      identifier('goal', node.key),
      text('SequenceIndicator', node.number ?? String(index + 1)),
      text('OtherInformation', plan.levels[0]),
      ...collectActions(node).map(({ action, measure }) => objective(action, measure, document, evaluation)),
    ],
  }));
  if (plan.actions.length > 0 || goals.length === 0) {
    goals.push({
      name: 'Goal',
      children: [
        text('Name', plan.title),
        text('Description', `${plan.title}の${plan.actionLevel}`),
        identifier('goal', 'plan', plan.slug),
        ...plan.actions.map((action) => objective(action, null, document, evaluation)),
      ],
    });
  }
  const visionText = [plan.vision?.statement, ...(plan.vision?.items ?? []).map((item) => item.text)]
    .filter(Boolean)
    .join('\n');
  const root: XmlElement = {
    name: 'PerformancePlanOrReport',
    attributes: { xmlns: STRATML_NAMESPACE, Type: 'Performance_Report' },
    children: [
      text('Name', plan.title),
      text(
        'Description',
        `${municipality.prefecture}${municipality.name}の${plan.title}（${formatFiscalYear(plan.period.startFy)}〜${formatFiscalYear(plan.period.endFy)}）と各${plan.actionLevel}の評価`,
      ),
      text('OtherInformation', plan.sources?.join('\n')),
      {
        name: 'StrategicPlanCore',
        children: [
          {
            name: 'Organization',
            children: [
              text('Name', municipality.name),
              identifier('municipality', municipality.code),
              text(
                'Description',
                `${municipality.prefecture}${municipality.name}（全国地方公共団体コード ${municipality.code}）`,
              ),
              ...document.departments.map((department) => stakeholder(department.name)),
            ],
          },
          visionText
            ? { name: 'Vision', children: [text('Description', visionText), identifier('vision', plan.slug)] }
            : null,
          plan.mission
            ? {
                name: 'Mission',
                children: [text('Description', plan.mission), identifier('mission', plan.slug)],
              }
            : null,
          ...(plan.values ?? []).map((value) => ({ name: 'Value', children: [text('Name', value)] })),
          ...goals,
        ],
      },
      {
        name: 'AdministrativeInformation',
        children: [
          identifier('plan', plan.slug),
          text('StartDate', fiscalYearStart(plan.period.startFy)),
          text('EndDate', fiscalYearEnd(plan.period.endFy)),
          text('PublicationDate', today),
        ],
      },
    ],
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${renderElement(root, 0)}\n`;
}
