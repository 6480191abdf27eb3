import { Command } from 'commander';
import { isAppError } from '../domain/app-error.js';
import { formatIssueLines } from '../domain/validation.js';
import { resetPasswordCommand } from './admin-commands.js';
import { exportPlanFile, importPlanFile } from './database-commands.js';
import { evaluatePlanFile, renderEvaluationTable } from './evaluate-command.js';

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
