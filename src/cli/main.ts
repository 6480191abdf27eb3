import { Command, Option } from 'commander';
import { isAppError } from '../domain/app-error.js';
import { formatIssueLines } from '../domain/validation.js';
import {
  REPORT_FORMATS,
  REPORT_KINDS,
  type ReportFormat,
  type ReportKind,
} from '../server/reports/reports.models.js';
import { resetPasswordCommand } from './admin-commands.js';
import { evaluatePlanFile, renderEvaluationTable } from './evaluate-command.js';
import { publishStaticPortal } from './publish-command.js';
import {
  CSV_TABLES,
  type CsvTable,
  EXPORT_FORMATS,
  type ExportFormat,
  exportPlan,
  importPlanOrWorkbook,
  writeReport,
} from './report-commands.js';

const program = new Command()
  .name('kiseki')
  .description('Kiseki（軌跡）— 自治体DX推進計画の進捗管理と評価')
  .showHelpAfterError();

program
  .command('evaluate')
  .description('計画ファイル（kiseki-plan@1 JSON）の全アクションを評価して表示します')
  .argument('<file>', '計画ファイルのパス')
  .option('--json', 'JSONで出力します')
  .action(async (file: string, options: { json?: boolean }) => {
    const { title, rows } = await evaluatePlanFile(file);
    process.stdout.write(
      options.json
        ? `${JSON.stringify({ plan: title, actions: rows }, null, 2)}\n`
        : `${renderEvaluationTable(title, rows)}\n`,
    );
  });

program
  .command('import')
  .description(
    '計画ファイル（JSON）または入力用シート（xlsx）をデータベースに取り込みます（誤りがあれば何も取り込みません）',
  )
  .argument('<file>', '計画ファイル（kiseki-plan@1 JSON）または入力用シート（.xlsx）のパス')
  .option('--replace', '同じ自治体・同じスラッグの計画があれば置き換えます')
  .action(async (file: string, options: { replace?: boolean }) => {
    process.stdout.write(`${await importPlanOrWorkbook({ file, replace: options.replace ?? false })}\n`);
  });

program
  .command('export')
  .description(
    '計画を書き出します（json: 計画ファイル、xlsx: 入力用シート、csv: オープンデータの表（BOM付きUTF-8）、stratml: StratML Part 2 XML）',
  )
  .argument('<plan>', '計画ID またはスラッグ（例: kama-digital-plan-1）')
  .addOption(new Option('--format <format>', '形式').choices(EXPORT_FORMATS).default('json'))
  .addOption(
    new Option('--table <table>', 'csv の表（actions: アクションと評価、kpis: 指標、kpi-actuals: 実績値）')
      .choices(CSV_TABLES)
      .default('actions'),
  )
  .option('-o, --output <file>', '書き出し先（省略時は標準出力）')
  .action(async (reference: string, options: { output?: string; format: ExportFormat; table: CsvTable }) => {
    await exportPlan({ reference, format: options.format, table: options.table, output: options.output });
  });

program
  .command('admin')
  .description('運用者向けの管理コマンド')
  .command('reset-password')
  .description(
    '利用者に一時パスワードを発行します（初回の管理者パスワードを紛失したときなど。次回ログイン時に変更が必要）',
  )
  .argument('<login>', 'ログインID（例: admin）')
  .action(async (login: string) => {
    process.stdout.write(`${await resetPasswordCommand({ login })}\n`);
  });

program
  .command('report')
  .description('報告書を作成します（final: 最終報告書、round: 協議会向けの進捗状況報告）')
  .argument('<plan>', '計画ID またはスラッグ（例: kama-digital-plan-1）')
  .addOption(new Option('--kind <kind>', '報告書の種類').choices(REPORT_KINDS).makeOptionMandatory())
  .addOption(new Option('--format <format>', '形式').choices(REPORT_FORMATS).makeOptionMandatory())
  .option('--round <id>', '進捗確認のID（round のみ。締め切った進捗確認はその時点の数値で作成）')
  .option('-o, --output <file>', '書き出し先（省略時は標準出力）')
  .action(
    async (
      reference: string,
      options: { kind: ReportKind; format: ReportFormat; round?: string; output?: string },
    ) => {
      await writeReport({
        reference,
        kind: options.kind,
        format: options.format,
        roundId: options.round,
        output: options.output,
      });
    },
  );

program
  .command('publish')
  .description(
    '公開中の計画の公開ページとオープンデータを、静的なファイル（HTML・CSS・CSV・JSON）として書き出します',
  )
  .requiredOption('--static <dir>', '書き出し先のフォルダ')
  .option(
    '--base-url <url>',
    '公開するWebサーバー上のアドレス（OGP・canonical に使います。例: https://www.city.example.lg.jp/dx/）',
  )
  .action(async (options: { static: string; baseUrl?: string }) => {
    process.stdout.write(
      `${await publishStaticPortal({ directory: options.static, baseUrl: options.baseUrl })}\n`,
    );
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (isAppError(error)) {
    process.stderr.write(`エラー: ${error.message}\n`);
    for (const line of formatIssueLines(error.issues ?? [])) process.stderr.write(`  ${line}\n`);
    process.exitCode = 2;
  } else if (error instanceof Error && 'code' in error && error.code === 'ENOENT') {
    process.stderr.write(`エラー: ファイルが見つかりません（${(error as NodeJS.ErrnoException).path}）\n`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
