import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/app-error.js';
import { recordAudit } from '../audit/audit.repository.js';
import { deleteSessionsOfUser, findUserByLogin, updateUser } from './accounts.repository.js';
import { generateOneTimePassword } from './accounts.usecases.js';
import { hashPassword } from './passwords.js';

/**
 * For the operator who lost the one-time admin password (or any user's): a new one-time password,
 * returned once to be printed, which must be changed at the next login. Every session of the user ends.
 * Run from the command line on the server, so the actor is the system itself.
 */
export async function resetPasswordByOperator({
  db,
  login,
}: {
  db: Database;
  login: string;
}): Promise<{ login: string; displayName: string; password: string; disabled: boolean }> {
  const loginId = login.trim().toLowerCase();
  const user = await findUserByLogin({ db, login: loginId });
  if (!user) {
    throw new AppError({
      code: 'user.not_found',
      message: `ログインID「${loginId}」の利用者は見つかりません`,
    });
  }
  const password = generateOneTimePassword();
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await updateUser({ db: tx, userId: user.id, values: { passwordHash, mustChangePassword: true } });
    await deleteSessionsOfUser({ db: tx, userId: user.id });
    await recordAudit({
      db: tx,
      actor: null,
      entry: {
        municipalityId: null,
        subjectType: 'user',
        subjectId: user.id,
        operation: 'password_reset',
        summary: `コマンドラインで ${user.displayName}（${user.login}）に一時パスワードを発行`,
      },
    });
  });
  return { login: user.login, displayName: user.displayName, password, disabled: user.disabledAt !== null };
}
