import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { fitWithin, readImageSize } from './image-size.js';
import {
  type FinalReport,
  type FinalReportAction,
  NO_VALUE,
  type RatingCount,
  type Report,
  type ReportHeader,
  type ReportPhoto,
  type ReportTable,
  type RoundReport,
  type RoundReportSection,
} from './reports.models.js';

/*
 * Word (docx) for the council's papers: A4, page numbers in the footer, table header rows repeated on
 * every page and rows kept whole. Word uses the reader's own Japanese font (游ゴシック), so none is embedded.
 */

const FONT = { ascii: 'Yu Gothic', eastAsia: '游ゴシック', hAnsi: 'Yu Gothic' };
const HEADER_FILL = 'DCE6F2';
const LABEL_FILL = 'F2F2F2';
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '8C8C8C' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };
/** Usable width of an A4 page with 20 mm margins, in twentieths of a point. */
const PAGE_WIDTH_TWIPS = 9638;

type Child = Paragraph | Table;

function lines(text: string, options: { bold?: boolean; size?: number; color?: string } = {}): Paragraph[] {
  const value = text === '' ? NO_VALUE : text;
  return value.split('\n').map(
    (line) =>
      new Paragraph({
        children: [new TextRun({ text: line, bold: options.bold, size: options.size, color: options.color })],
      }),
  );
}

function cell(
  text: string,
  options: { header?: boolean; label?: boolean; width?: number; rowSpan?: number; columnSpan?: number } = {},
): TableCell {
  const fill = options.header ? HEADER_FILL : options.label ? LABEL_FILL : undefined;
  return new TableCell({
    children: lines(text, { bold: options.header || options.label }),
    borders: BORDERS,
    ...(fill && { shading: { type: ShadingType.CLEAR, fill, color: 'auto' } }),
    ...(options.width && { width: { size: options.width, type: WidthType.DXA } }),
    ...(options.rowSpan && { rowSpan: options.rowSpan }),
    ...(options.columnSpan && { columnSpan: options.columnSpan }),
  });
}

function table({
  header,
  rows,
  widths,
}: {
  header: string[] | null;
  rows: TableCell[][];
  widths: number[];
}): Table {
  const total = widths.reduce((sum, width) => sum + width, 0);
  const twips = widths.map((width) => Math.round((width / total) * PAGE_WIDTH_TWIPS));
  return new Table({
    width: { size: PAGE_WIDTH_TWIPS, type: WidthType.DXA },
    columnWidths: twips,
    rows: [
      ...(header
        ? [
            new TableRow({
              tableHeader: true,
              cantSplit: true,
              children: header.map((text, i) => cell(text, { header: true, width: twips[i] })),
            }),
          ]
        : []),
      ...rows.map((children) => new TableRow({ cantSplit: true, children })),
    ],
  });
}

function buildTitle(header: ReportHeader): Child[] {
  return [
    new Paragraph({ children: [new TextRun({ text: header.municipality, color: '444444' })] }),
    new Paragraph({
      heading: HeadingLevel.TITLE,
      children: [new TextRun({ text: header.title, bold: true })],
    }),
    new Paragraph({ children: [new TextRun(header.subtitle)] }),
    new Paragraph({ children: [new TextRun(header.generatedOn)], spacing: { after: 200 } }),
  ];
}

function heading(text: string, level: 1 | 2 | 3, pageBreak = false): Paragraph {
  const levels = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 };
  return new Paragraph({
    heading: levels[level],
    children: [...(pageBreak ? [new PageBreak()] : []), new TextRun({ text, bold: true })],
    keepNext: true,
  });
}

function countsTable(counts: RatingCount[]): Table {
  return table({
    header: counts.map((count) => count.label),
    rows: [counts.map((count) => cell(`${count.count}件`))],
    widths: counts.map(() => 1),
  });
}

function photoParagraphs(photos: ReportPhoto[], omitted: string[]): Paragraph[] {
  if (photos.length === 0 && omitted.length === 0)
    return lines('写真は登録されていません。', { color: '555555' });
  const paragraphs: Paragraph[] = [];
  for (const photo of photos) {
    const size = readImageSize(photo.data);
    if (!size) {
      paragraphs.push(...lines(`写真「${photo.fileName}」は読み取れないため載せていません。`));
      continue;
    }
    const fitted = fitWithin({ size, maxWidth: 600, maxHeight: 300 });
    paragraphs.push(
      new Paragraph({
        keepNext: true,
        children: [
          new ImageRun({
            type: photo.contentType === 'image/png' ? 'png' : 'jpg',
            data: photo.data,
            transformation: fitted,
            altText: {
              name: photo.fileName,
              title: photo.caption ?? photo.fileName,
              description: photo.caption ?? photo.fileName,
            },
          }),
        ],
      }),
      ...lines(photo.caption ?? photo.fileName, { size: 16 }),
    );
  }
  if (omitted.length > 0) {
    paragraphs.push(
      ...lines(`次の写真は形式（JPEG・PNG 以外）か読み取れないため載せていません：${omitted.join('、')}`),
    );
  }
  return paragraphs;
}

function finalAction(action: FinalReportAction, actionLevel: string): Child[] {
  const row = (label: string, value: string, bold = false) => [
    cell(label, { label: true }),
    new TableCell({ children: lines(value, { bold }), borders: BORDERS }),
  ];
  return [
    heading(`${action.number} ${action.title}`, 2, true),
    ...(action.path ? lines(action.path, { size: 16, color: '555555' }) : []),
    heading('概要', 3),
    table({
      header: null,
      widths: [1, 5],
      rows: [
        row('目指すこと', action.aim),
        row('やること', action.approach),
        row('目標(値)', action.target),
        row('担い手', action.owners),
      ],
    }),
    heading(`${actionLevel}の成果`, 3),
    table({
      header: null,
      widths: [1, 5],
      rows: [
        [
          cell('目標達成率', { label: true }),
          new TableCell({
            borders: BORDERS,
            children: [
              ...lines(action.rating, { bold: true, size: 32, color: '00589B' }),
              ...lines(`達成率 ${action.rate}（${action.basis}）${action.note ? `　${action.note}` : ''}`, {
                size: 16,
              }),
            ],
          }),
        ],
        row('成果', action.outcome, action.outcome !== ''),
        row('やったこと', action.workDone),
        row('課題', action.issuesAhead),
        row('今後の方向性', action.direction),
        row('評価の根拠', action.basisReason),
      ],
    }),
    heading('取組状況の写真', 3),
    ...photoParagraphs(action.photos, action.omittedPhotos),
  ];
}

function buildFinal(report: FinalReport): Child[] {
  const { header } = report;
  return [
    ...buildTitle(header),
    heading('評価区分ごとの件数', 3),
    countsTable(header.counts),
    heading(`${header.actionLevel}ごとの目標達成率`, 3),
    table({
      header: ['番号', `${header.actionLevel}名`, '担い手', '達成率', '評価', '評価根拠'],
      widths: [6, 30, 18, 9, 10, 17],
      rows: report.actions.map((action) => [
        cell(action.number),
        cell(action.title),
        cell(action.owners),
        cell(action.rate),
        cell(action.rating),
        cell(action.basis),
      ]),
    }),
    ...report.actions.flatMap((action) => finalAction(action, header.actionLevel)),
  ];
}

function roundSection(section: RoundReportSection, report: RoundReport): Child[] {
  const rows: TableCell[][] = [];
  for (const action of section.actions) {
    const span = Math.max(1, action.tasks.length);
    const rating = new TableCell({
      borders: BORDERS,
      rowSpan: span,
      children: [
        ...lines(action.rating, { bold: true }),
        ...(action.basis === NO_VALUE ? [] : lines(`${action.rate}（${action.basis}）`, { size: 14 })),
      ],
    });
    if (action.tasks.length === 0) {
      rows.push([
        cell(action.number),
        cell(action.title),
        cell(`${report.yearLabel}のタスクはありません`, { columnSpan: 3 }),
        rating,
      ]);
    } else {
      action.tasks.forEach((task, index) => {
        rows.push([
          ...(index === 0
            ? [cell(action.number, { rowSpan: span }), cell(action.title, { rowSpan: span })]
            : []),
          cell(task.department),
          cell(task.planText),
          cell(task.progress),
          ...(index === 0 ? [rating] : []),
        ]);
      });
    }
    const kpiLines = action.kpis.map(
      (kpi) =>
        `指標「${kpi.name}」 基準値 ${kpi.baseline} → 目標値 ${kpi.target}、実績値 ${kpi.actual}、達成率 ${kpi.rate}`,
    );
    if (action.tasks.length === 0 && kpiLines.length === 0) continue;
    rows.push([
      cell(''),
      new TableCell({
        borders: BORDERS,
        columnSpan: 5,
        children: lines([`${report.yearShortLabel}平均 ${action.yearMean}`, ...kpiLines].join('\n'), {
          size: 14,
        }),
      }),
    ]);
  }
  return [
    heading(section.heading, section.depth === 0 ? 2 : 3),
    ...(section.counts.length > 0
      ? lines(section.counts.map((count) => `${count.label} ${count.count}件`).join('・'), { size: 16 })
      : []),
    ...(rows.length === 0
      ? []
      : [
          table({
            header: [
              '番号',
              report.header.actionLevel,
              '担当課',
              `${report.yearLabel} 計画`,
              '実施',
              '達成率・評価',
            ],
            widths: [5, 22, 14, 33, 9, 17],
            rows,
          }),
        ]),
  ];
}

function appendixTable(report: ReportTable): Child[] {
  const empty = report.columns.length === 0 || report.rows.length + report.totals.length === 0;
  return [
    heading(report.title, 3),
    ...(report.subtitle ? lines(report.subtitle, { color: '444444' }) : []),
    ...(empty
      ? lines('記録はありません', { color: '444444' })
      : [
          table({
            header: report.columns.map((column) => column.label),
            rows: [
              ...report.rows.map((row) => row.map((text) => cell(text))),
              ...report.totals.map((row) => row.map((text) => cell(text, { label: true }))),
            ],
            widths: report.columns.map(() => 1),
          }),
        ]),
    ...report.notes.flatMap((note) => lines(note, { size: 18 })),
  ];
}

function buildRound(report: RoundReport): Child[] {
  return [
    ...buildTitle(report.header),
    heading(`計画全体の評価区分ごとの件数（${report.header.actionLevel}）`, 3),
    countsTable(report.header.counts),
    ...report.sections.flatMap((section) => roundSection(section, report)),
    ...(report.appendix.length === 0
      ? []
      : [heading('効果・予算・推進体制', 1, true), ...report.appendix.flatMap(appendixTable)]),
  ];
}

/** The report as a Word document (A4 portrait). */
export async function renderReportDocx(report: Report): Promise<Buffer> {
  const document = new Document({
    creator: 'Kiseki',
    title: report.header.title,
    styles: { default: { document: { run: { font: FONT, size: 20 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 },
          },
        },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                children: [new TextRun({ text: report.header.title, size: 14, color: '555555' })],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: [PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES, ' ページ'],
                    size: 16,
                  }),
                ],
              }),
            ],
          }),
        },
        children: report.kind === 'final' ? buildFinal(report) : buildRound(report),
      },
    ],
  });
  return Packer.toBuffer(document);
}
