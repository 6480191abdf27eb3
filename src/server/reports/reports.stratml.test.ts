import { DOMParser, type Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { evaluatePlan } from '../../domain/evaluation/index.js';
import { loadSample } from '../workbook/workbook.test-support.js';
import { buildStratmlReport, STRATML_NAMESPACE } from './reports.stratml.js';

/*
 * The element order of the StratML Part 2 schema (ISO 17469-1, PerformancePlanOrReport 2016-02-16): each
 * element's children may only appear in this order (optional ones may be missing, repeated ones repeat).
 */
const SEQUENCES: Record<string, string[]> = {
  PerformancePlanOrReport: [
    'Name',
    'Description',
    'OtherInformation',
    'StrategicPlanCore',
    'AdministrativeInformation',
    'Submitter',
  ],
  StrategicPlanCore: ['Organization', 'Vision', 'Mission', 'Value', 'Goal'],
  Organization: ['Name', 'Acronym', 'Identifier', 'Description', 'Stakeholder'],
  Stakeholder: ['Name', 'Description', 'Role'],
  Role: ['Name', 'Description', 'RoleType'],
  Vision: ['Description', 'Identifier'],
  Mission: ['Description', 'Identifier'],
  Value: ['Name', 'Description'],
  Goal: [
    'Name',
    'Description',
    'Identifier',
    'SequenceIndicator',
    'Stakeholder',
    'OtherInformation',
    'Objective',
  ],
  Objective: [
    'Name',
    'Description',
    'Identifier',
    'SequenceIndicator',
    'Stakeholder',
    'OtherInformation',
    'PerformanceIndicator',
  ],
  PerformanceIndicator: [
    'SequenceIndicator',
    'MeasurementDimension',
    'UnitOfMeasurement',
    'Identifier',
    'Relationship',
    'MeasurementInstance',
    'OtherInformation',
  ],
  MeasurementInstance: ['TargetResult', 'ActualResult'],
  TargetResult: ['Description', 'NumberOfUnits', 'Descriptor', 'StartDate', 'EndDate'],
  ActualResult: ['Description', 'NumberOfUnits', 'Descriptor', 'StartDate', 'EndDate'],
  Descriptor: ['DescriptorName', 'DescriptorValue'],
  AdministrativeInformation: ['Identifier', 'StartDate', 'EndDate', 'PublicationDate', 'Source'],
};

function childElements(element: Element): Element[] {
  const children: Element[] = [];
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1) children.push(node as Element);
  }
  return children;
}

/** Every place where a child is unknown to its parent's sequence or comes before one it should follow. */
function findOrderProblems(element: Element, path = element.localName ?? ''): string[] {
  const problems: string[] = [];
  const sequence = SEQUENCES[element.localName ?? ''];
  let position = 0;
  for (const child of childElements(element)) {
    if (child.namespaceURI !== STRATML_NAMESPACE)
      problems.push(`${path}/${child.localName}: not in the StratML namespace`);
    if (sequence) {
      const index = sequence.indexOf(child.localName ?? '');
      if (index === -1) problems.push(`${path}/${child.localName}: not allowed here`);
      else if (index < position) problems.push(`${path}/${child.localName}: after ${sequence[position]}`);
      else position = index;
    }
    problems.push(...findOrderProblems(child, `${path}/${child.localName}`));
  }
  return problems;
}

function parse(xml: string): Element {
  const document = new DOMParser().parseFromString(xml, 'application/xml');
  return document.documentElement as unknown as Element;
}

function texts(root: Element, name: string): string[] {
  return Array.from(root.getElementsByTagNameNS(STRATML_NAMESPACE, name)).map(
    (element) => element.textContent ?? '',
  );
}

describe('buildStratmlReport', () => {
  const kama = loadSample('kama-digital-plan-1');
  const xml = buildStratmlReport({
    document: kama,
    evaluation: evaluatePlan(kama.plan),
    today: '2026-02-08',
  });
  const root = parse(xml);

  it('is a Performance_Report in the ISO namespace, every element in the order of the schema', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<PerformancePlanOrReport')).toBe(true);
    expect(root.localName).toBe('PerformancePlanOrReport');
    expect(root.namespaceURI).toBe(STRATML_NAMESPACE);
    expect(root.getAttribute('Type')).toBe('Performance_Report');
    expect(findOrderProblems(root)).toEqual([]);
  });

  it('has the municipality as the organisation, the 3 pillars as goals and the 50 actions as their objectives', () => {
    const core = childElements(root).find((element) => element.localName === 'StrategicPlanCore')!;
    const organization = childElements(core)[0]!;
    expect(organization.localName).toBe('Organization');
    expect(texts(organization, 'Name')[0]).toBe('嘉麻市');
    const goals = childElements(core).filter((element) => element.localName === 'Goal');
    expect(goals).toHaveLength(3);
    expect(texts(root, 'Objective').length).toBe(50);
    const identifiers = texts(root, 'Identifier');
    expect(new Set(identifiers).size).toBe(identifiers.length);
    for (const id of identifiers) expect(id).toMatch(/^[A-Za-z_][\w.-]*$/);
  });

  it('carries action 6’s KPI (target 130, actual 125) and its rating 概ね達成 (83.3) as the Descriptor of the actual result', () => {
    const objective = Array.from(root.getElementsByTagNameNS(STRATML_NAMESPACE, 'Objective')).find(
      (element) => texts(element, 'Name')[0] === 'インターネット利用機会の向上',
    )!;
    const indicators = childElements(objective).filter(
      (element) => element.localName === 'PerformanceIndicator',
    );
    expect(indicators.map((indicator) => texts(indicator, 'MeasurementDimension')[0])).toEqual([
      '公式ホームページアクセス数（計画策定時比）',
      '目標達成率',
    ]);
    const [kpi, rating] = indicators as [Element, Element];
    expect(texts(kpi, 'UnitOfMeasurement')).toEqual(['%']);
    expect(texts(kpi, 'NumberOfUnits')).toEqual(['130', '125']);
    expect(texts(kpi, 'EndDate')).toEqual(['2027-03-31', '2027-03-31']);
    const actual = rating.getElementsByTagNameNS(STRATML_NAMESPACE, 'ActualResult')[0]!;
    expect(texts(actual as unknown as Element, 'NumberOfUnits')).toEqual(['83.3']);
    expect(texts(actual as unknown as Element, 'DescriptorName')).toEqual(['評価区分']);
    expect(texts(actual as unknown as Element, 'DescriptorValue')).toEqual(['概ね達成']);
  });

  it('writes a plan without grouping levels and one with a mission, vision and values in the same order', () => {
    for (const slug of ['ichikikushikino-dx-plan', 'kashima-dx-strategy']) {
      const document = loadSample(slug);
      const other = parse(
        buildStratmlReport({ document, evaluation: evaluatePlan(document.plan), today: '2026-02-08' }),
      );
      expect(findOrderProblems(other)).toEqual([]);
      expect(other.getElementsByTagNameNS(STRATML_NAMESPACE, 'Goal').length).toBeGreaterThan(0);
    }
    const kashima = loadSample('kashima-dx-strategy');
    const withVision = parse(
      buildStratmlReport({ document: kashima, evaluation: evaluatePlan(kashima.plan), today: '2026-02-08' }),
    );
    expect(withVision.getElementsByTagNameNS(STRATML_NAMESPACE, 'Vision').length).toBe(1);
    expect(withVision.getElementsByTagNameNS(STRATML_NAMESPACE, 'Value').length).toBe(
      kashima.plan.values?.length,
    );
  });
});
