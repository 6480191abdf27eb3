import { Command } from 'commander';
import { isAppError } from '../domain/app-error.js';
import { formatIssueLines } from '../domain/validation.js';
import { exportPlanFile, importPlanFile } from './database-commands.js';
import { evaluatePlanFile, renderEvaluationTable } from './evaluate-command.js';
import { publishStaticPortal } from './publish-command.js';

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
  .description('計画ファイルをデータベースに取り込みます（誤りがあれば何も取り込みません）')
  .argument('<file>', '計画ファイル（kiseki-plan@1 JSON）のパス')
  .option('--replace', '同じ自治体・同じスラッグの計画があれば置き換えます')
  .action(async (file: string, options: { replace?: boolean }) => {
    process.stdout.write(`${await importPlanFile({ file, replace: options.replace ?? false })}\n`);
  });

program
  .command('export')
  .description('計画を計画ファイル（kiseki-plan@1 JSON）として書き出します')
  .argument('<plan>', '計画ID またはスラッグ（例: kama-digital-plan-1）')
  .option('-o, --output <file>', '書き出し先（省略時は標準出力）')
  .action(async (reference: string, options: { output?: string }) => {
    await exportPlanFile({ reference, output: options.output });
  });

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
