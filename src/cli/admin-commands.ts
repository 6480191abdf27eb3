import { createDatabase } from '../db/database.js';
import { resetPasswordByOperator } from '../server/accounts/password-reset.usecases.js';

/**
 * `kiseki admin reset-password LOGIN`: a new one-time password for a user, printed once, to be changed
 * at the next login. On the same database the server uses (DATABASE_URL, else PGlite in KISEKI_DATA_DIR).
 */
export async function resetPasswordCommand({ login }: { login: string }): Promise<string> {
  const connection = await createDatabase({ dataDir: process.env.KISEKI_DATA_DIR ?? './data' });
  try {
    const reset = await resetPasswordByOperator({ db: connection.db, login });
    return [
      `${reset.displayName}（ログインID: ${reset.login}）の一時パスワードを発行しました（この表示は一度だけです）:`,
      `  パスワード: ${reset.password}`,
      '次回のログインで新しいパスワードへの変更が必要です。この利用者のログイン中のセッションはすべて終了しました。',
      ...(reset.disabled ? ['注意: この利用者は利用停止中のため、このままではログインできません。'] : []),
      `One-time password for "${reset.login}": ${reset.password} (must be changed at the next login).`,
    ].join('\n');
  } finally {
    await connection.close();
  }
}
