import { createRequire } from 'node:module';
import pdfmake from 'pdfmake';
import type { Alignment, Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
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
 * PDF on A4 with Noto Sans JP embedded (from the npm package @expo-google-fonts/noto-sans-jp; pdfkit
 * embeds only the glyphs the document uses), page numbers in the footer and table headers repeated on
 * every page a table runs over.
 */

const require = createRequire(import.meta.url);
const FONT_FILES = {
  normal: require.resolve('@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf'),
};
const FONT = 'NotoSansJP';

// No network, and no file but the two fonts: a report's content can never make the server fetch anything.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => path === FONT_FILES.normal || path === FONT_FILES.bold);
pdfmake.setFonts({
  [FONT]: {
    normal: FONT_FILES.normal,
    bold: FONT_FILES.bold,
    italics: FONT_FILES.normal,
    bolditalics: FONT_FILES.bold,
  },
});

const HEADER_FILL = '#DCE6F2';
const LABEL_FILL = '#F2F2F2';

function headerCell(text: string): TableCell {
  return { text, bold: true, fillColor: HEADER_FILL };
}

function labelCell(text: string): TableCell {
  return { text, bold: true, fillColor: LABEL_FILL };
}

function orDash(text: string): string {
  return text === '' ? '—' : text;
}

function buildTitle(header: ReportHeader): Content[] {
  return [
    { text: header.municipality, style: 'eyebrow' },
    { text: header.title, style: 'title' },
    { text: header.subtitle, style: 'subtitle' },
    { text: header.generatedOn, style: 'subtitle', margin: [0, 0, 0, 10] },
  ];
}

function buildCounts(counts: RatingCount[]): Content {
  return {
    table: {
      headerRows: 1,
      widths: counts.map(() => '*'),
      body: [counts.map((count) => headerCell(count.label)), counts.map((count) => `${count.count}件`)],
    },
    margin: [0, 2, 0, 12],
  };
}

function buildPhotos(photos: ReportPhoto[], omitted: string[]): Content[] {
  if (photos.length === 0 && omitted.length === 0)
    return [{ text: '写真は登録されていません。', style: 'muted' }];
  const content: Content[] = photos.map((photo) => ({
    stack: [
      {
        image: `data:${photo.contentType};base64,${Buffer.from(photo.data).toString('base64')}`,
        fit: [460, 220],
      },
      { text: photo.caption ?? photo.fileName, style: 'caption' },
    ],
    margin: [0, 4, 0, 6],
    unbreakable: true,
  }));
  if (omitted.length > 0) {
    content.push({
      text: `次の写真は形式（JPEG・PNG 以外）か読み取れないため載せていません：${omitted.join('、')}`,
      style: 'muted',
    });
  }
  return content;
}

function buildFinalAction(action: FinalReportAction, actionLevel: string): Content[] {
  return [
    { text: `${action.number} ${action.title}`, style: 'h2', pageBreak: 'before' },
    ...(action.path ? [{ text: action.path, style: 'muted' } as Content] : []),
    { text: '概要', style: 'h3' },
    {
      table: {
        widths: [80, '*'],
        body: [
          [labelCell('目指すこと'), orDash(action.aim)],
          [labelCell('やること'), orDash(action.approach)],
          [labelCell('目標(値)'), orDash(action.target)],
          [labelCell('担い手'), orDash(action.owners)],
        ],
      },
    },
    { text: `${actionLevel}の成果`, style: 'h3' },
    {
      table: {
        widths: [80, '*'],
        body: [
          [
            labelCell('目標達成率'),
            {
              stack: [
                { text: action.rating, style: 'rating' },
                {
                  text: `達成率 ${action.rate}（${action.basis}）${action.note ? `　${action.note}` : ''}`,
                  style: 'muted',
                },
              ],
            },
          ],
          [labelCell('成果'), { text: orDash(action.outcome), bold: action.outcome !== '' }],
          [labelCell('やったこと'), orDash(action.workDone)],
          [labelCell('課題'), orDash(action.issuesAhead)],
          [labelCell('今後の方向性'), orDash(action.direction)],
          [labelCell('評価の根拠'), action.basisReason],
        ],
        dontBreakRows: true,
      },
    },
    { text: '取組状況の写真', style: 'h3' },
    ...buildPhotos(action.photos, action.omittedPhotos),
  ];
}

function buildFinal(report: FinalReport): Content[] {
  return [
    ...buildTitle(report.header),
    { text: '評価区分ごとの件数', style: 'h3' },
    buildCounts(report.header.counts),
    { text: `${report.header.actionLevel}ごとの目標達成率`, style: 'h3' },
    {
      table: {
        headerRows: 1,
        dontBreakRows: true,
        widths: [28, '*', 90, 42, 48, 70],
        body: [
          ['番号', `${report.header.actionLevel}名`, '担い手', '達成率', '評価', '評価根拠'].map(headerCell),
          ...report.actions.map((action) => [
            action.number,
            action.title,
            action.owners,
            { text: action.rate, alignment: 'right' } as TableCell,
            action.rating,
            action.basis,
          ]),
        ],
      },
      fontSize: 8,
    },
    ...report.actions.flatMap((action) => buildFinalAction(action, report.header.actionLevel)),
  ];
}

function formatCounts(counts: RatingCount[]): string {
  return counts.map((count) => `${count.label} ${count.count}件`).join('・');
}

function buildRoundSection(section: RoundReportSection, report: RoundReport): Content[] {
  const body: TableCell[][] = [
    [
      headerCell('番号'),
      headerCell(report.header.actionLevel),
      headerCell('担当課'),
      headerCell(`${report.yearLabel} 計画`),
      headerCell('実施'),
      headerCell('達成率・評価'),
    ],
  ];
  for (const action of section.actions) {
    const rows = Math.max(1, action.tasks.length);
    const rating: TableCell = {
      rowSpan: rows,
      stack: [
        { text: action.rating, bold: true },
        ...(action.basis === NO_VALUE ? [] : [{ text: `${action.rate}（${action.basis}）`, fontSize: 7 }]),
      ],
    };
    if (action.tasks.length === 0) {
      body.push([
        action.number,
        action.title,
        { text: `${report.yearLabel}のタスクはありません`, colSpan: 3, style: 'muted' },
        {},
        {},
        rating,
      ]);
    } else {
      action.tasks.forEach((task, index) => {
        body.push([
          index === 0 ? { text: action.number, rowSpan: rows } : {},
          index === 0 ? { text: action.title, rowSpan: rows } : {},
          task.department,
          task.planText,
          { text: task.progress, alignment: 'right' },
          index === 0 ? rating : {},
        ]);
      });
    }
    const kpiLines = action.kpis.map(
      (kpi) =>
        `指標「${kpi.name}」 基準値 ${kpi.baseline} → 目標値 ${kpi.target}、実績値 ${kpi.actual}、達成率 ${kpi.rate}`,
    );
    if (action.tasks.length === 0 && kpiLines.length === 0) continue;
    body.push([
      '',
      {
        text: [`${report.yearShortLabel}平均 ${action.yearMean}`, ...kpiLines.map((line) => `\n${line}`)],
        colSpan: 5,
        fontSize: 7,
        color: '#333333',
      },
      {},
      {},
      {},
      {},
    ]);
  }
  return [
    { text: section.heading, style: section.depth === 0 ? 'h2' : 'h3' },
    ...(section.counts.length > 0 ? [{ text: formatCounts(section.counts), style: 'muted' } as Content] : []),
    ...(section.actions.length === 0
      ? []
      : [
          {
            table: { headerRows: 1, dontBreakRows: true, widths: [24, 100, 66, '*', 56, 72], body },
            fontSize: 8,
            margin: [0, 2, 0, 10],
          } as Content,
        ]),
  ];
}

function buildAppendixTable(table: ReportTable): Content[] {
  const align = (index: number): Alignment => (table.columns[index]?.numeric ? 'right' : 'left');
  const body: TableCell[][] = [
    table.columns.map((column) => headerCell(column.label)),
    ...table.rows.map((row) => row.map((text, i) => ({ text: text || NO_VALUE, alignment: align(i) }))),
    ...table.totals.map((row) => row.map((text, i) => ({ text, bold: true, alignment: align(i) }))),
  ];
  return [
    { text: table.title, style: 'h3' },
    ...(table.subtitle ? [{ text: table.subtitle, style: 'muted' } as Content] : []),
    ...(table.columns.length === 0 || table.rows.length + table.totals.length === 0
      ? [{ text: '記録はありません', style: 'muted' } as Content]
      : [
          {
            table: { headerRows: 1, dontBreakRows: true, widths: table.columns.map(() => '*'), body },
            fontSize: 7,
            margin: [0, 2, 0, 4],
          } as Content,
        ]),
    ...table.notes.map((note) => ({ text: note, fontSize: 8, margin: [0, 0, 0, 2] }) as Content),
  ];
}

function buildRound(report: RoundReport): Content[] {
  return [
    ...buildTitle(report.header),
    { text: `計画全体の評価区分ごとの件数（${report.header.actionLevel}）`, style: 'h3' },
    buildCounts(report.header.counts),
    ...report.sections.flatMap((section) => buildRoundSection(section, report)),
    ...(report.appendix.length === 0
      ? []
      : [
          { text: '効果・予算・推進体制', style: 'h2', pageBreak: 'before' } as Content,
          ...report.appendix.flatMap(buildAppendixTable),
        ]),
  ];
}

/** The report as a PDF document (A4 portrait). */
export async function renderReportPdf(report: Report): Promise<Buffer> {
  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [40, 48, 40, 48],
    info: { title: report.header.title, author: report.header.municipality, creator: 'Kiseki' },
    defaultStyle: { font: FONT, fontSize: 9, lineHeight: 1.25 },
    header: () => ({ text: report.header.title, fontSize: 7, color: '#555555', margin: [40, 20, 40, 0] }),
    footer: (currentPage: number, pageCount: number) => ({
      text: `${currentPage} / ${pageCount} ページ`,
      alignment: 'center',
      fontSize: 8,
      margin: [0, 16, 0, 0],
    }),
    styles: {
      eyebrow: { fontSize: 10, color: '#444444' },
      title: { fontSize: 18, bold: true, margin: [0, 2, 0, 4] },
      subtitle: { fontSize: 9, color: '#333333' },
      h2: { fontSize: 14, bold: true, margin: [0, 10, 0, 4] },
      h3: { fontSize: 11, bold: true, margin: [0, 8, 0, 3] },
      rating: { fontSize: 16, bold: true, color: '#00589B' },
      muted: { fontSize: 8, color: '#555555' },
      caption: { fontSize: 8, color: '#333333', margin: [0, 2, 0, 0] },
    },
    content: report.kind === 'final' ? buildFinal(report) : buildRound(report),
  };
  return pdfmake.createPdf(definition).getBuffer();
}
